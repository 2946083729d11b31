# 各页面的界面用语（简体中文，默认语言）：本单位、结对、工作台、资产、培训、收入等页面。
# 键以模板的目录和文件名开头（listings-show-…），与 main.ftl 等文件不重复。

# 页面框架
layout-brand = 企村

# 帮扶资源、需求的详情
listings-show-urgency = { $n ->
    [3] 紧急
    [2] 较急
   *[other] 一般
}
listings-show-edit = 修改
listings-show-step = { $code ->
    [publish] 发布
    [close] 标记完成
    [withdraw] 撤回
   *[other] { $code }
}
listings-show-unverified = 本单位通过扶贫办认证后才能发布。
listings-show-paired = 本单位已就这条信息发起结对：
listings-show-see-pairing = 查看结对 #{ $id }
listings-show-help = { $side ->
    [need] 我要帮扶
   *[other] 申请帮扶
}
listings-show-own = { $side ->
    [need] 用本单位的帮扶资源
   *[other] 关联本村的需求
}（可不选）
listings-show-own-none = 不关联
listings-show-help-unverified = 本单位通过扶贫办认证后才能{ $side ->
    [need] 帮扶这个村
   *[other] 申请这条帮扶资源
}。认证进度见
listings-show-help-unverified-link = 本单位资料
listings-show-help-unverified-end = 。
listings-show-outside = 这条帮扶资源只面向{ $area }，本村不在其中。仍可申请，由企业决定是否接受。
listings-show-own-hint = 只列出本单位已发布、类型对得上的{ $side ->
    [need] 帮扶资源
   *[other] 需求
}。
listings-show-matches = { $side ->
    [need] 推荐企业
   *[other] 推荐村
}
listings-show-no-matches = 暂时没有同类型的合适推荐。补充详细说明、扩大服务地区或调整类型后再看看。
listings-show-others = 其他可能有帮助
listings-show-others-hint = 帮扶类型不同，只能作为补充。
listings-show-more = 更多推荐
listings-show-fewer = 只看前几条
listings-show-score-how = 匹配度怎么算
listings-show-score-text = 匹配度在 0 到 100 之间。先按帮扶类型、地区远近、数量规模、村里的困难程度、需求是否紧急、发布时间和企业履约记录计分，再看内容是否相关（共有的词语和字，包括同义词、俗称和同类产品）：内容毫不相关的只算一半，理由里写明“未见内容相同之处”；写明的条件（如就近务工、年龄、所收产品）不符合的，分数按不符合的程度降低，最低只剩三成。同类型的推荐排在前面；别的类型只在内容很相近时列在后面，作为可能有帮助的补充。在我们的评测集上，70 以上的推荐九成以上确实合适，60 到 70 的约三分之二，50 到 60 的约一半，40 以下的很少合适。

# 确认发布、标记完成、撤回
listings-confirm-heading = 确认{ $step ->
    [publish] 发布
    [close] 标记完成
    [withdraw] 撤回
   *[other] { $step }
}
listings-confirm-submit = 确认{ $step ->
    [publish] 发布
    [close] 标记完成
    [withdraw] 撤回
   *[other] { $step }
}
listings-confirm-what = { $step ->
    [publish] 发布
    [close] 标记完成
    [withdraw] 撤回
   *[other] { $step }
}：
listings-confirm-facts = （{ $kind }，当前{ $status }）
listings-confirm-warning = { $step ->
    [publish] 发布后所有人都能看到，平台会据此推荐结对。
    [close] 标记完成后不能再修改或重新发布。
   *[other] 撤回后不能再修改或重新发布，公开页面上将不再显示。
}
listings-confirm-back = 返回
listings-propose-heading = 确认发起结对
listings-propose-for = 为这条信息发起结对：
listings-propose-other = 结对对象
listings-propose-organisation = 发布单位
listings-propose-score = 匹配度
listings-propose-next = 确认后，对方会收到结对建议；对方接受后，由{ $office }审核。审核前可以在结对页面撤回。
listings-propose-submit = 确认发起结对

# 发布、修改帮扶资源或需求
listings-form-heading = { $editing ->
    [true] 修改
   *[other] 发布
}{ $offer ->
    [true] 帮扶资源
   *[other] 村级需求
}
listings-form-kind = 帮扶类型
listings-form-choose = 请选择
listings-form-title = 标题
listings-form-title-hint = 一句话说清楚（4–60 个字），例如：长期收购富硒大米
listings-form-body-hint = 至少 10 个字，不超过 2000 字。页面公开，请不要填写手机号。
listings-form-quantity-hint = 整数，例如 500；有小数时换成更小的单位（1.5 吨写成 1500 公斤）
listings-form-errors = 有几处需要修改，请看下面标红的地方。
listings-form-body = 详细说明
listings-form-amount = 金额（元，可不填）
listings-form-amount-hint = 例如 12500 或 12,500.50
listings-form-quantity = 数量（可不填）
listings-form-unit = 单位
listings-form-unit-hint = 例如：公斤、人、亩
listings-form-urgency = 紧急程度
listings-form-urgency-1 = 一般
listings-form-urgency-2 = 较急
listings-form-urgency-3 = 紧急
listings-form-from = 开始日期
listings-form-from-hint = 不填为今天
listings-form-until = 截止日期（可不填）
listings-form-until-hint = 过了截止日期自动下架
listings-form-save-draft = 保存草稿
listings-form-save-changes = 保存修改
listings-form-publish = 直接发布
listings-form-unverified = 本单位通过扶贫办认证后才能发布，现在可以先保存草稿。

# 本单位资料
organisations-show-status = { $code ->
    [pending] 待审核
    [verified] 已认证
    [suspended] 已暂停
    [returned] 退回修改
    [rejected] 不予认证
   *[other] 未知
}
organisations-show-kind = { $code ->
    [enterprise] 企业
    [village] 村委会
    [office] 扶贫办
   *[other] 机构
}
organisations-profile-pending = 本单位正在等待扶贫办审核：可以完善资料和保存草稿，认证后才能发布信息和接受结对。
organisations-profile-returned = 扶贫办退回了注册信息，意见：
organisations-profile-returned-then = 请按意见修改下面的信息并保存，保存后自动重新提交审核。
organisations-profile-rejected = 扶贫办不予认证本单位，理由：
organisations-profile-rejected-then = 如认为有误，请向
organisations-profile-rejected-end = 补交材料；扶贫办核实后可重新受理，本单位回到“待审核”。
organisations-profile-suspended = 本单位已被扶贫办暂停，信息暂不公开。
organisations-profile-reason = 理由：
organisations-profile-suspended-ask = 如有疑问，请联系
organisations-profile-suspended-end = 。
organisations-profile-uscc = 统一社会信用代码
organisations-profile-industry = 行业
organisations-profile-public-page = 查看公开页面
organisations-profile-name = 企业名称
organisations-profile-name-hint = 与营业执照一致；认证后不能再改
organisations-profile-uscc-hint = 18 位，与营业执照一致；认证后不能再改
organisations-profile-contact = 联系人
organisations-profile-contact-phone = 联系人手机
organisations-profile-contact-phone-hint = 公开页面会隐藏中间四位
organisations-profile-address = 企业地址
organisations-profile-population = 总人口（人）
organisations-profile-poor-households = 建档立卡贫困户（户）
organisations-profile-poor-population = 建档立卡贫困人口（人）
organisations-profile-industries = 主导产业
organisations-profile-first-secretary = 驻村第一书记
organisations-profile-first-secretary-phone = 第一书记手机
organisations-profile-party-secretary = 村党组织书记
organisations-profile-party-secretary-phone = 村党组织书记手机
organisations-profile-save = 保存

# 企业、村的公开页面
organisations-show-verified = 认证
organisations-show-industry = 所属行业
organisations-show-address = 地址
organisations-show-population = 总人口
organisations-show-people = { $n } 人
organisations-show-poor = 建档立卡贫困户
organisations-show-poor-figures = { $households } 户 { $people } 人
organisations-show-poor-village = 贫困村
organisations-show-yes = 是
organisations-show-no = 否
organisations-show-categories = 村类别
organisations-show-offers = 正在提供的帮扶资源
organisations-show-needs = 正在征集的需求
organisations-show-no-listings = 目前没有发布中的信息。
organisations-show-partners = 已结对
organisations-show-no-partners = 还没有审核通过的结对。
organisations-show-leaders = 村班子
organisations-show-in-post-since = { $date } 到任
organisations-show-no-leaders = 扶贫办还没有登记这个村的村班子。
organisations-show-leaders-link = 村班子登记与历史
organisations-show-responsible = 帮扶责任人
organisations-show-from = { $date } 起
organisations-show-no-responsible = 扶贫办还没有登记联系这个村的领导或帮扶单位。

# 账号安全（安全管理员）
security-scope-heading = 调整审核范围
security-scope-reviewer = 审核员：
security-scope-now = 。现在：{ $current }。
security-scope-new = 新的审核范围
security-scope-choose = 请选择
security-scope-hint = 调整后，该审核员的登录全部退出，下次登录起只能审核新范围内的单位和结对。
security-scope-submit = 确认调整
security-scope-back = 返回
security-settings-saved = 安全设置已保存，各服务节点在几秒内生效。
security-settings-max-age = 审核员和管理员密码有效期（天）
security-settings-max-age-hint = 到期后须先修改密码才能继续使用；填 0 表示不过期。企业和村委会账号的密码不过期。
security-settings-totp = 审核员和管理员登录须使用两步验证（手机验证器动态码）
security-settings-totp-hint = 开启后，尚未设置的账号在下次登录时须先扫码设置；企业和村委会账号可自愿开启。
security-settings-save = 保存
security-users-issued = 已为「{ $name }」（登录名{" "}
security-users-issued-password = ）发放一次性密码：
security-users-issued-end = 。只显示这一次，请当面或以安全方式交给本人；本人首次登录时必须修改。该账号原有的登录和接口令牌已全部失效。
security-users-lead = 安全管理员为业务账号发放一次性密码、解除锁定；系统、安全、审计三类管理员账号在服务器命令行上管理。共 { $n } 个业务账号。
security-users-awaits = 待发放密码
security-users-disabled = 已停用
security-users-locked = 登录受限
security-users-totp = 两步验证
security-users-issue = 发放一次性密码
security-users-reset = 重置密码
security-users-clear-totp = 清除两步验证
security-users-unlock = 解除登录限制
security-users-none = 没有找到账号。换个登录名或姓名再查。

# 查找账号（账号列表上的搜索框）
partials-account-search-label = 查找账号（登录名或姓名）
partials-account-search-submit = 查找

# 帮扶记录：确认、异议、核实、撤回、裁定
contributions-confirm-heading = { $code ->
    [confirm] 确认这条帮扶记录属实
    [dispute] 对这条帮扶记录提出异议
    [verify] 核实这条帮扶记录
    [withdraw] 撤回这条帮扶记录
    [uphold] 认定村委会的异议成立
    [overrule] 驳回异议并核实这条记录
   *[other] 确认：{ $code }
}
contributions-confirm-step = { $code ->
    [confirm] 确认属实
    [dispute] 提出异议
    [verify] 核实
    [withdraw] 撤回记录
    [uphold] 认定异议成立
    [overrule] 驳回异议并核实
   *[other] { $code }
}
contributions-confirm-status = 当前状态：
contributions-confirm-kind = 类别
contributions-confirm-households = 受益户
contributions-confirm-households-n = { $n } 户
contributions-confirm-persons = 受益人数
contributions-confirm-persons-n = { $n } 人
contributions-confirm-date = 日期
contributions-confirm-description = 说明
contributions-confirm-purchase = 采购
contributions-confirm-payment = 付款与评价
contributions-confirm-dispute = 村委会的异议
contributions-confirm-evidence = 证明材料
contributions-confirm-no-evidence = 没有证明材料。
contributions-confirm-flags = 风险提示
contributions-confirm-audit = 此操作会通知对方并记入审计日志。
contributions-confirm-reason = { $code ->
    [dispute] 异议理由（企业和扶贫办会看到）
    [verify] { $flagged ->
        [yes] 核实说明（有风险提示，必填）
       *[other] 核实说明
    }
    [withdraw] 撤回原因（可不填）
   *[other] 裁定理由（双方会看到）
}
contributions-confirm-back = 返回协议

# 报告、更正帮扶记录
contributions-form-correct = 更正帮扶记录
contributions-form-report = 报告帮扶成效
contributions-form-correct-note = 提交后，这条新记录替换原记录（原记录标为「已更正」），村委会需要重新确认。
contributions-form-lead = 村委会确认、扶贫办核实后计入协议完成情况和公示。采购农产品（消费帮扶）还须村委会确认交货、企业记录付款并评价质量后才能核实。
contributions-form-choose = 请选择
contributions-form-kind = { $code ->
    [money] 资金
    [goods] 物资
    [jobs] 安置就业
    [trainees] 技能培训/技术指导
    [produce] 采购农产品
   *[other] { $code }
}
contributions-form-product = 采购的产品（采购农产品时填写）
contributions-form-product-hint = 例如：富硒大米、脐橙
contributions-form-amount = 金额（元）
contributions-form-amount-hint = 资金、物资折价或采购金额
contributions-form-quantity = 数量（采购农产品必填）
contributions-form-unit = 单位
contributions-form-unit-hint = 例如：公斤、头、人
contributions-form-market-price = 市场价（元/单位，采购农产品时可填）
contributions-form-market-price-hint = 高于市场价 30% 以上的采购会提示扶贫办核查
contributions-form-households = 受益贫困户（户）
contributions-form-persons = 受益人数（人）
contributions-form-persons-hint = 安置就业、培训填人数
contributions-form-programmes = 计入的帮扶项目
contributions-form-programme = { $code ->
    [bqlbc] 百企联百村（万企帮万村）
    [wqxwc] 万企兴万村
    [dxxz] 东西部协作
    [ddbf] 定点帮扶
    [xfbf] 消费帮扶
    [shzz] 社会组织帮扶
   *[other] { $code }
}
contributions-form-programmes-hint = 默认与协议相同；采购农产品可同时计入消费帮扶。各项目台账分别统计，总数只算一次。
contributions-form-files = 证明材料（照片、收据、清单；JPEG、PNG 或 PDF，每份不超过 8 MB，一次合计不超过 10 MB）
contributions-form-files-again = 浏览器不会保留已选的文件：请重新选择证明材料再提交。
contributions-form-errors = 还不能提交：请按下面标红的提示修改。
contributions-form-files-again-kept = 浏览器不会保留已选的文件：要补充新材料的，请重新选择。
contributions-form-kept = 原记录的证明材料（勾选的随更正一并保留）
contributions-form-kept-hint = 材料有误的请取消勾选，再在下面上传新的；保留或上传的材料至少一份。
contributions-form-files-more = 补充证明材料（可不传；JPEG、PNG 或 PDF，每份不超过 8 MB，一次合计不超过 10 MB）
contributions-form-submit = 提交

# 企业、村委会的工作台
my-home-heading = 我的工作台
my-home-profile = 查看本单位资料
my-home-waiting = 待我处理
my-home-nothing = 眼下没有需要本单位处理的事项。
my-home-proposals = 待答复的结对建议
my-home-disputed = 村委会有异议的帮扶记录
my-home-to-confirm = 待确认的帮扶记录
my-home-to-sign = 待签订的帮扶协议
my-home-due = 30 天内到期的协议节点
my-home-waiting-other = 另有 { $n } 个结对在等对方或扶贫办答复，见{" "}
my-home-waiting-other-end = 。
my-home-figures = 本单位概况
my-home-live-offers = 有效的帮扶资源
my-home-live-needs = 有效的需求
my-home-approved = 已通过的结对
my-home-agreements = 执行中的协议
my-home-verified = 已核实的帮扶金额

# 驻村工作日志
my-worklog-back-home = 返回我的工作台
my-worklog-back-leaders = 返回村班子
my-worklog-heading = 驻村工作日志
my-worklog-lead-write = 第一书记和村干部可以在这里记下当天做了什么，留给本村备查。记不记、多久记一次由自己决定；不记录位置，不是打卡。主管扶贫办和审计人员可以查看。
my-worklog-lead-read = 本村第一书记和村干部自愿记录的工作日志，留给本村备查；不记录位置，不是打卡。这里只能查看。
my-worklog-day = 日期
my-worklog-body = 做了什么（4–500 字）
my-worklog-body-hint = 如：走访 3 户监测户，协调企业收购村里的冬笋。不要写身份证号、电话、银行卡号。
my-worklog-submit = 记下
my-worklog-entries = 日志
my-worklog-none = 还没有日志。

# 宣传稿件（扶贫办发布帮扶故事）
portal-desk-lead = 发布的帮扶故事显示在公开的
portal-desk-lead-end = 页面。照片会重新编码，拍摄位置、设备等信息不会公开；请勿在正文中写群众的身份证号、电话、银行账号或健康信息。
portal-desk-new = 发布帮扶故事
portal-desk-title = 标题（必填，4–60 字）
portal-desk-body = 正文（必填，20–3000 字）
portal-desk-photo = 照片（可选，JPEG 或 PNG，不超过 8 MB）
portal-desk-publish = 发布
portal-desk-published = 已发布
portal-desk-withdraw-reason = 撤下原因（必填）
portal-desk-withdraw = 从门户撤下
portal-desk-none = 还没有发布帮扶故事。

# 光荣榜
portal-index-heading = 百企联百村 光荣榜
portal-index-lead = 企业与村结对帮扶的进展、成效和先进典型。数字与首页、台账同一口径，均来自扶贫办核实的记录。
portal-index-of-villages = （共 { $n } 个村）
portal-index-contributed = 已核实帮扶投入，带动 { $persons } 人
portal-index-definitions = 统计口径见首页
portal-index-roll = 结对光荣榜
portal-index-roll-hint = 列出审核通过、协议未终止的结对及其已核实的帮扶；协议已终止的结对不上榜，其已核实的帮扶仍计入上面的数字。
portal-index-helps = 帮扶
portal-index-disputed = 有异议，核实中
portal-index-no-roll = 还没有核实的帮扶成效。
portal-index-stories = 帮扶故事
portal-index-no-stories = 扶贫办还没有发布帮扶故事。
portal-index-honours = 表彰和奖励
portal-index-honour-year = { $year } 年度
portal-index-colon = ：
portal-index-no-honours = 还没有表彰。
portal-index-outcomes = 全部考核结果通报
portal-index-formula = 考核办法
portal-index-notices = 正在公示
portal-index-until = 公示至 { $date }
portal-index-no-notices = 目前没有正在公示的事项。
portal-index-all-notices = 全部公示

# 帮扶故事
portal-story-published = { $date } 发布

# 我结对的户（结对干部）
cadres-mine-lead = 扶贫办安排您结对帮扶的建档立卡户（每位干部最多 { $max } 户）。请定期走访，在每户的页面登记走访情况和帮扶措施。这些信息不公开，只有本村、主管扶贫办、审计人员和您本人可见。
cadres-mine-head = 户主
cadres-mine-village = 村
cadres-mine-members = 家庭人口
cadres-mine-since = 结对日期
cadres-mine-visits = 走访和措施
cadres-mine-people = { $n } 人
cadres-mine-times = { $n } 次
cadres-mine-last = ，最近 { $date }
cadres-mine-none = 您目前没有结对的户。结对由主管扶贫办在村的建档立卡户页面安排。

# 一户的结对帮扶
cadres-show-back-households = 返回建档立卡户
cadres-show-back-mine = 返回我结对的户
cadres-show-back-register = 返回本村建档立卡户
cadres-show-heading = 结对帮扶
cadres-show-code = （户编号 { $code }）
cadres-show-cadre = 结对干部
cadres-show-paren = （{ $text }）
cadres-show-until = 至 { $date }
cadres-show-visits = 走访和帮扶措施
cadres-show-no-visits = 还没有登记走访。
cadres-show-log = 登记一次走访或帮扶措施
cadres-show-date = 日期（必填）
cadres-show-kind = 类型（必选）
cadres-show-visit = 走访
cadres-show-measure = 帮扶措施
cadres-show-measure-kind = 措施类别（帮扶措施必选）
cadres-show-choose = 请选择
cadres-show-measure-label = { $code ->
    [industry] 产业帮扶
    [employment] 就业帮扶
    [training] 技能培训
    [consumption] 消费帮扶
    [education] 教育帮扶
    [health] 健康帮扶
    [welfare] 兜底保障
    [other] 其他
   *[unknown] { $code }
}
cadres-show-note = 情况（必填，4–300 字，不写身份证号、电话、银行卡号）
cadres-show-submit = 登记
cadres-show-end = 结束结对
cadres-show-reason = 原因（必填）
cadres-show-reason-hint = 如：干部工作调动、农户迁出。结束后可以重新安排干部。
cadres-show-history = 这一户的其他结对
cadres-show-colon = ：

# 村班子登记与历史
leaders-show-lead = 村党组织书记、驻村第一书记和驻村工作队员，由主管扶贫办登记；离任的保留在历史中。村的公开页面只显示现任人员的姓名和单位，不显示电话。
leaders-show-hours = 本村村干部参加培训共 { $n } 学时（
leaders-show-hours-end = ）。
leaders-show-worklog-note = （村里自愿记录）。
leaders-show-in-post = 现任
leaders-show-term-end = 任期至 { $date }
leaders-show-training = 培训：
leaders-show-no-training = 暂无
leaders-show-leave = 登记离任
leaders-show-leave-date = 离任日期（必填）
leaders-show-leave-reason-hint = 如：任期届满、工作调动
leaders-show-none = 还没有登记现任的村班子成员。
leaders-show-new = 登记新成员
leaders-show-role = 职务（必选）
leaders-show-role-label = { $code ->
    [party_secretary] 村党组织书记
    [first_secretary] 驻村第一书记
    [work_team] 驻村工作队员
   *[other] { $code }
}
leaders-show-name = 姓名（必填）
leaders-show-name-hint = 只登记姓名，不登记电话
leaders-show-unit = 派出单位（第一书记、工作队员必填）
leaders-show-unit-hint = 如：宜春市财政局
leaders-show-post = 队内职务（可选）
leaders-show-post-hint = 如：队长、队员
leaders-show-from = 到任日期（必填）
leaders-show-term = 任期至（可选）
leaders-show-term-hint = 第一书记一般任期两年
leaders-show-history = 历史
leaders-show-col-name = 姓名
leaders-show-col-role = 职务
leaders-show-col-unit = 派出单位
leaders-show-col-period = 在任
leaders-show-col-reason = 离任原因
leaders-show-col-training = 培训
leaders-show-no-history = 没有离任记录。

# 项目资产
assets-list-lead = 产业和基础设施帮扶项目形成、移交给村集体的资产：经营性资产每年登记收益；移交满一年、今年和去年都没有收益的经营性资产会列入监管线索，请核实是否闲置。
assets-list-total = 资产合计 { $total }。
assets-list-income-error = 收益没有登记：请看
assets-list-income-error-link = 下面这项资产
assets-list-income-error-end = 的表单中标出的问题。
assets-list-handed-over = { $date } 移交
assets-list-idle = 移交满一年，今年和去年没有收益
assets-list-agreement = 协议：
assets-list-incomes = 收益：
assets-list-sep = ；
assets-list-no-income = 还没有登记
assets-list-year = 年度
assets-list-income = 收益（元，没有填 0）
assets-list-record-income = 登记收益
assets-list-none-village = 本村还没有登记项目资产；由主管扶贫办在项目完成移交后登记。
assets-list-none = 辖区内还没有登记项目资产。
assets-list-new = 登记一项资产
assets-list-new-agreement = 形成资产的帮扶协议（必选）
assets-list-choose = 请选择
assets-list-name = 资产名称（必填）
assets-list-name-hint = 如：村集体光伏电站、冷库、通组公路
assets-list-kind = 类别（必选）
assets-list-kind-label = { $code ->
    [operating] 经营性资产
    [public] 公益性资产
    [household] 到户类资产
   *[other] { $code }
}
assets-list-value = 资产价值（元，必填）
assets-list-handed-over-on = 移交村集体日期（必填）
assets-list-submit = 登记资产

# 村干部培训
training-list-lead = 各县为村党组织书记、驻村第一书记和驻村工作队员举办的培训；出席情况计入每位村干部和每个村的培训记录。
training-list-topic = 培训主题
training-list-county = 县（市、区）
training-list-dates = 日期
training-list-hours = 学时
training-list-attended = 出席
training-list-people = { $n } 人
training-list-none = 还没有登记培训。
training-list-new = 登记一期培训
training-list-new-county = 培训哪个县的村干部（必选）
training-list-choose = 请选择
training-list-new-topic = 培训主题（必填）
training-list-new-topic-hint = 如：村级集体经济发展专题培训
training-list-new-starts = 开始日期（必填）
training-list-new-ends = 结束日期（一天的可不填）
training-list-new-hours = 学时（必填）
training-list-new-hours-hint = 整数，如 8
training-list-new-trainer = 授课人或主办单位（必填）
training-list-new-place = 地点（必填）
training-list-submit = 登记培训
training-show-all = 全部培训
training-show-trainer = 授课人或主办单位
training-show-place = 地点
training-show-cadres = 出席的村干部
training-show-left = 已离任
training-show-save = 保存出席名单
training-show-not-started = 培训开始后才能登记出席。
training-show-no-cadres = 该县还没有登记村班子成员：请先在各村的「村班子登记与历史」中登记。

# 村集体经济收入
income-mine-heading = 村集体经济收入
income-mine-lead = 每年报告一次本村集体经济收入（元），由扶贫办核实。年收入达到 { $threshold } 的村计入规划的「集体经济收入达标村」。核实前可以修改。
income-mine-year = 年度
income-mine-year-n = { $year } 年
income-mine-amount = 集体经济收入（元，必填）
income-mine-submit = 报告
income-mine-income = 收入
income-mine-status = { $code ->
    [reported] 待扶贫办核实
    [verified] 已核实
    [returned] 退回修改
   *[other] 未知
}
income-mine-colon = ：
income-mine-none = 还没有报告过。
income-office-lead = 各村报告的集体经济收入，核实后计入规划的「集体经济收入达标村」（年收入达到 { $threshold }）。有疑问时写明原因退回，村委会修改后重新报告。
income-office-above = 达标
income-office-returned = 退回原因：
income-office-verify = 核实
income-office-return-reason = 退回原因
income-office-return = 退回
income-office-none = 辖区内的村还没有报告集体经济收入。

# 推荐卡片（帮扶资源、需求页上的推荐）
partials-match-card-score = 匹配度 { $score }
partials-match-card-why = 匹配说明：
partials-match-card-paired = 已有结对（
partials-match-card-paired-end = ）：
partials-match-card-propose = 发起结对

# 翻页
partials-pager-count = 共 { $total } 条 · 第 { $page }/{ $pages } 页
partials-pager-first = 第一页
partials-pager-last = 最后一页

# 结对的决策依据
partials-pair-facts-heading = 决策依据
partials-pair-facts-until = 有效期至
partials-pair-facts-no-offer = 未关联具体的帮扶资源。
partials-pair-facts-outside = 这条帮扶资源只面向{ $area }，这个村在{ $county }，不在其中：企业可以接受，也可以婉拒。
partials-pair-facts-no-need = 未关联具体的需求。
partials-pair-facts-why = 为什么匹配：
partials-pair-facts-register = 村的建档立卡情况
partials-pair-facts-poor-village = 建档立卡村
partials-pair-facts-poor-households = 建档立卡户
partials-pair-facts-poor-population = 建档立卡人口
partials-pair-facts-record = 企业履约记录

# 项目档案（协议的档案页和压缩包里的档案文件）
partials-archive-body-heading = 项目档案：
partials-archive-body-number = 协议编号 { $id }
partials-archive-body-helps = 帮扶
partials-archive-body-generated = 生成于 { $at }（北京时间）
partials-archive-body-agreement = 一、协议
partials-archive-body-period = 期限
partials-archive-body-planned = 计划
partials-archive-body-milestones = 二、里程碑
partials-archive-body-item = 事项
partials-archive-body-due = 到期
partials-archive-body-planned-amount = 计划金额
partials-archive-body-progress = 完成情况
partials-archive-body-no-milestones = 没有里程碑。
partials-archive-body-records = 三、帮扶记录（{ $n }）
partials-archive-body-record-no = { $id } 号
partials-archive-body-dispute = 村委会异议：
partials-archive-body-resolution = 处理结果：
partials-archive-body-evidence = 证明材料：
partials-archive-body-size = （{ $size }）SHA-256{" "}
partials-archive-body-in-zip = ，压缩包内 { $path }
partials-archive-body-no-records = 还没有帮扶记录。
partials-archive-body-notices = 四、公示和异议
partials-archive-body-objection = 异议：
partials-archive-body-no-objections = 公示期内没有异议。
partials-archive-body-no-notices = 没有公示。
partials-archive-body-findings = 五、监管线索
partials-archive-body-no-findings = 没有监管线索。
partials-archive-body-trail = 六、操作记录（审计日志）
partials-archive-body-at = 时间
partials-archive-body-who = 操作人
partials-archive-body-what = 操作
partials-archive-body-no-trail = 无记录（平台上线前导入的协议没有操作记录）
