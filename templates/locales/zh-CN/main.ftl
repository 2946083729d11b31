# 企村的界面用语（简体中文，默认语言）。每条一行：键 = 文字。
# 新增一种语言：复制本文件，翻译等号右边的文字，并在 src/web/i18n.rs 的 LANGUAGES 中登记。

brand-tagline = 百企联百村
menu = 菜单
nav-main = 主导航
nav-offers = 帮扶资源
nav-needs = 村级需求
nav-notices = 公示
nav-portal = 光荣榜
nav-help = 帮助
nav-workbench = 工作台
nav-my-offers = 我的资源
nav-my-assessment = 年度考核
nav-my-needs = 我的需求
nav-my-income = 集体收入
nav-my-households = 建档立卡户
nav-monitoring = 防返贫监测
nav-worklog = 工作日志
nav-my-assets = 项目资产
nav-unit = 本单位联系村
nav-cadre = 我结对的户
nav-profile = 本单位
nav-campaigns = 专项行动
nav-objections = 异议
nav-organisations-review = 机构审核
nav-listings = 辖区信息
nav-lexicon = 匹配词库
nav-import = 导入台账
nav-users = 用户管理
nav-calendar = 节假日安排
nav-programmes = 帮扶项目
nav-account-security = 账号安全
nav-security-settings = 安全设置
nav-dashboard = 驾驶舱
nav-plans = 规划
nav-responsibilities = 帮扶责任
nav-assessment = 考核
nav-supervision = 监管线索
nav-stories = 宣传稿件
nav-register = 建档立卡
nav-inspection = 稽查报告
nav-income = 集体收入
nav-training = 村干部培训
nav-team = 队伍建设
nav-assets = 项目资产
nav-ledgers = 各项目台账
nav-organisations = 机构
nav-audit = 审计日志
nav-pairings = 结对
nav-agreements = 协议
nav-inbox = 消息
nav-logout = 退出
nav-login = 登录
nav-register-account = 注册
language-switch = English
footer = 企村帮扶平台 · 百企联百村（2015 年起）· 万企兴万村 · 常态化精准帮扶

# 登录
login-heading = 登录
login-name = 登录名
login-password = 密码
login-submit = 登录
login-no-account = 还没有账号？
login-register = 企业或村委会注册

# 首页
home-heading = 百企联百村 · 企村结对帮扶
home-lead = 企业发布岗位、采购、投资与捐赠，村委会发布需求，平台智能匹配，扶贫办审核结对，帮扶成效全程公示。
home-figures = 行动进展
home-enterprises = 已认证企业
home-villages = 已认证的村（其中建档立卡村 { $poor }）
home-paired-villages = 已结对的村
home-offers = 在线帮扶资源
home-needs = 在线村级需求
home-pairings = 已通过结对
home-pairings-disputed = （其中 { $n } 项有异议，核实中）
home-agreements = 执行中协议
home-contributed = 已核实帮扶投入（{ $records } 笔，带动 { $persons } 人
home-contributed-disputed = ；其中 { $records } 笔 { $amount } 有异议，核实中
home-contributed-end = ）
home-definitions = 统计口径
home-def-verified = 已认证企业、已认证的村：经扶贫办认证的单位；待审核、退回修改、不予认证和暂停的不计。
home-def-paired = 已结对的村：至少有一个审核通过的结对的村。在线帮扶资源、需求：已发布且在有效期内的。
home-def-pairings = 已通过结对：审核通过的结对；公示异议成立的不计，异议正在核实的计入并注明。
home-def-agreements = 执行中协议：村委会已会签、扶贫办已备案、尚未结束的协议。
home-def-contributed = 已核实帮扶投入：经村委会确认、扶贫办核实的帮扶记录的金额合计；异议成立的不计，异议核实中的计入并注明；台账导出和驾驶舱用同一口径。
home-def-objections = 口径：公示中收到异议的记录照常计入并标注“有异议”；异议经扶贫办核实成立的记录不再计入任何合计。
home-latest-offers = 最新帮扶资源
home-all-offers = 查看全部帮扶资源
home-no-offers = 还没有企业发布帮扶资源。企业注册并通过认证后即可发布。
home-latest-needs = 最新村级需求
home-all-needs = 查看全部村级需求
home-no-needs = 还没有村委会发布需求。村委会注册并通过认证后即可发布。

# 帮扶资源与村级需求的列表
listings-offers = 帮扶资源
listings-needs = 村级需求
listings-my-offers = 我的帮扶资源
listings-my-needs = 我的需求
listings-area-offers = 辖区帮扶资源
listings-area-needs = 辖区村级需求
listings-post = { $side ->
    [offers] 发布帮扶资源
   *[needs] 发布需求
}
listings-mine = { $side ->
    [offers] 我的帮扶资源
   *[needs] 我的需求
}
listings-search = 搜索
listings-search-hint = 例如：大米 收购、务工、修路
listings-kind = 类型
listings-all-kinds = 全部类型
listings-region = 地区
listings-all-regions = 全部地区
listings-status = 状态
listings-all-statuses = 全部状态
listings-valid-now = 只看当前有效
listings-filter = 筛选
listings-valid-until = 有效期至 { $date }
listing-kind = { $code ->
    [employment] 就业岗位
    [procurement] 消费帮扶
    [industry] 产业合作
    [donation] 公益捐赠
    [training] 技能培训
    [technical] 技术指导
   *[infrastructure] 基础设施
}
listing-status = { $code ->
    [draft] 草稿
    [published] 已发布
    [closed] 已完成
    [withdrawn] 已撤回
   *[expired] 已过期
}
pager = 翻页
pager-first = 回到第一页
pager-prev = 上一页
pager-next = 下一页

# 公示
notices-heading = 公示
notices-lead = 结对和帮扶成效经审核后在此公示 10 天。对公示内容有异议的，可在公示期内实名提出，联系方式只有扶贫办和审计人员能看到，不会公开。
notice-status = { $code ->
    [revoked] 已撤销
    [open] 公示中
    [closed] 公示期满
   *[suspended] 已暂停
}
notices-window = 公示期 { $window }
notices-none = 暂无公示。
notice-all = ← 全部公示
notice-window = 公示期：{ $window }
notice-evidence = 证明材料（照片已重新生成，不含拍摄位置等信息；PDF 文件只向双方和扶贫办提供）：
notice-pdf-private = （PDF，不公开）
notice-pending = 有 { $n } 条异议正在核查。
notice-pending-outcome = 核查期间这项考核结果照常有效；异议成立的，结果随即撤销。
notice-pending-record = 核查期间该记录照常计入统计并标注“有异议”；异议成立后不再计入。
notice-resolved = 异议处理：{ $status }。
notice-filed = 异议已收到，扶贫办将核查处理，结果会在本页公开。
notice-object = 提出异议
notice-object-body = 异议内容
notice-contact-name = 姓名（不公开）
notice-contact-phone = 手机（不公开）
notice-contact-hint = 扶贫办核查时联系您
notice-object-submit = 提交异议

# 出错页
error-resend = 重新提交
error-back = 返回上一页
error-home = 返回首页
error-workbench = 回到工作台

# 注册
register-heading = 注册
register-lead = 请选择注册类型。注册后由所在地扶贫办审核认证，认证通过即可发布信息、参与结对。
register-enterprise = 我是企业 · 我要帮扶
register-village = 我是村委会 · 发布需求
register-staff = 扶贫办和审计账号由系统管理员开通。

# 帮扶资源、需求的详情
listing-amount = 金额
listing-quantity = 数量
listing-regions = 服务地区
listing-validity = 有效期
listing-valid-range = { $from } 至 { $until }
listing-visitor-heading = { $side ->
    [need] 想帮这个村？
   *[offer] 村里需要这项帮扶？
}
listing-visitor-who = { $side ->
    [need] 企业请先
   *[offer] 村委会请先
}
listing-visitor-register = 注册
listing-visitor-or = 并通过扶贫办认证，或
listing-visitor-login = 登录
listing-visitor-then = { $side ->
    [need] ，然后在这里点“我要帮扶”。
   *[offer] ，然后在这里点“申请帮扶”。
}
listing-visitor-object = 个人想反映情况，可以在
listing-visitor-notices = 公示
listing-visitor-object-end = 页面提出异议。
