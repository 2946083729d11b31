# 专项行动、防返贫监测、系统管理、协议、结对和消息页面的用语（简体中文，默认语言）。

# 专项行动：共用
campaigns-status = { $code ->
    [drafted] 草稿
    [solved] 已求解
    [issued] 已下发
   *[other] 未知
}
campaigns-pair-state = { $code ->
    [proposed] 建议
    [locked] 已锁定
    [excluded] 已排除
    [allowed] 已恢复
    [issued] 已下发
   *[other] 未知
}
campaigns-reason-kind = { $code ->
    [far] 距离太远
    [capacity] 企业名额不足
    [product] 产品或帮扶类型不对路
    [record] 企业履约记录不佳
   *[other] 其他
}
campaigns-village-category = { $code ->
    [lifted] 脱贫村
    [key_support] 乡村振兴重点帮扶村
    [weak_collective] 集体经济薄弱村
   *[relocation] 易地搬迁安置点
}
campaigns-score = 匹配度 { $pct }%
campaigns-as-of = 评估日期 { $date }
campaigns-back = 返回
campaigns-choose = 请选择
campaigns-all = ← 全部专项行动
campaigns-new-heading = 新建专项行动
campaigns-one-to-one = 一企一村
campaigns-villages-taking-part = 参加的村

# 专项行动：列表
campaigns-list-heading = 专项行动
campaigns-list-lead = 一次行动把辖区内的一批村和一批企业同时结对：系统按匹配度给出全局最优的建议，扶贫办锁定或排除后下发，双方接受后审核。
campaigns-list-none = 还没有专项行动。
campaigns-list-none-create = 点击「新建专项行动」，选出要结对的村和企业。

# 专项行动：新建
campaigns-new-filter = 筛选村
campaigns-new-county = 县（市、区）
campaigns-new-all-counties = 本辖区全部
campaigns-new-category = 村类别
campaigns-new-any-category = 不限
campaigns-new-poor-only = 只列建档立卡村
campaigns-new-unpaired-only = 只列尚无结对的村（没有已通过或进行中的结对）
campaigns-new-name = 行动名称
campaigns-new-name-hint = 如：袁州区2026年百企联百村专项行动
campaigns-new-as-of = 评估日期
campaigns-new-as-of-hint = 只考虑这一天仍有效的需求和资源
campaigns-new-capacity = 每家企业最多帮扶几个村
campaigns-new-capacity-hint = 一企多村时填写；勾选「一企一村」则为 1
campaigns-new-per-village = 每个村最多结对几家企业
campaigns-new-per-village-hint = 多企一村时填写，默认 1；先让尽量多的村有结对，再给村安排第二家
campaigns-new-one-to-one = 一企一村（每家企业、每个村都只结对一个）
campaigns-new-max-km = 最大距离（公里）
campaigns-new-max-km-hint = 企业与村相距超过这一距离的不结对（双方都有位置时）；不限则留空
campaigns-new-villages = 村（{ $n }）
campaigns-new-no-villages = 没有符合筛选条件、已认证的村。可放宽筛选条件。
campaigns-new-more-villages = 只列出前 500 个村，请按县筛选。
campaigns-new-enterprises = 企业（{ $n }）
campaigns-new-enterprises-hint = 已认证、注册在本辖区或在本辖区有帮扶资源、结对的企业。
campaigns-new-no-enterprises = 本辖区还没有已认证的企业。企业在「机构审核」中认证后会出现在这里。
campaigns-new-more-enterprises = 只列出前 500 家企业。
campaigns-new-submit = 创建专项行动

# 专项行动：详情
campaigns-show-capacity = 每家企业最多帮扶 { $n } 个村
campaigns-show-per-village = 每村最多结对 { $n } 家企业（多企一村）
campaigns-show-max-km = 最大距离 { $km } 公里
campaigns-show-enterprises-taking-part = 参加的企业
campaigns-show-covered = 有结对建议的村
campaigns-show-uncovered = 未能覆盖的村
campaigns-show-issued = 已于 { $at } 下发结对。各结对的进展见「结对」，双方接受后由扶贫办审核。
campaigns-show-stale = 上次求解后又改动了结对或预算（锁定、排除、恢复或设定预算）：请重新求解，看过新的建议后再下发。
campaigns-show-solved-at = 上次求解：{ $at }
campaigns-show-not-solved = 尚未求解。求解时系统为每一对村和企业计算匹配度，在名额和预算限制下先让尽量多的村有结对，再使总匹配度最高。
campaigns-show-solve-again = 重新求解
campaigns-show-solve = 求解
campaigns-show-issue = 下发这 { $n } 对结对
campaigns-show-issue-hint = 下发后不能再改动本次行动；双方各自收到结对建议，接受后由扶贫办审核。
campaigns-show-pairs-issued = 结对（已下发）
campaigns-show-pairs-proposed = 结对建议
campaigns-show-view-need = 查看需求
campaigns-show-view-offer = 查看资源
campaigns-show-lock = 锁定
campaigns-show-unlock = 解除锁定
campaigns-show-exclude-pair = 排除这一对
campaigns-show-reason = 原因
campaigns-show-details = 说明
campaigns-show-exclude = 排除
campaigns-show-no-pairs = 这次求解没有给出结对：见下面未能覆盖的村的原因。
campaigns-show-no-pairs-unsolved = 尚未求解：点击上面的「求解」。
campaigns-show-excluded = 已排除的结对
campaigns-show-restore = 恢复
campaigns-show-th-village = 村
campaigns-show-th-county = 县
campaigns-show-th-pairs = 结对
campaigns-show-budgets = 企业名额与预算
campaigns-show-budgets-hint = 预算是企业在本次行动中某类帮扶可投入的金额。设了预算，求解时这家企业这类结对所需的金额（村的需求金额，不超过企业资源写明的金额）合计不超过预算；没有设的不限。
campaigns-show-budgets-hint-steer = 改动后需重新求解。
campaigns-show-places = 名额 { $capacity } · 已安排 { $taken }
campaigns-show-budget-notice = 预算{ $notice }。
campaigns-show-budget = { $kind }预算：已安排 { $used } / { $amount }
campaigns-show-over-budget = （超出预算：设定后尚未重新求解）
campaigns-show-budget-remove = 取消{ $kind }预算
campaigns-show-no-budget = 预算：不限
campaigns-show-help-kind = 帮扶类型
campaigns-show-budget-amount = 预算（元）
campaigns-show-budget-placeholder = 例如 200000
campaigns-show-set-budget = 设定预算

# 专项行动：确认下发
campaigns-issue-heading = 确认下发：{ $name }
campaigns-issue-lead = 将下发下面 { $n } 对结对。每一对都会成为一个「专项行动」来源的结对建议：企业和村委会各自收到消息，双方都接受后，由扶贫办审核。已有进行中结对的一对会关联到原结对，不会重复。
campaigns-issue-warn = 下发后本次行动不能再求解、锁定或排除；如需调整，请新建一次专项行动。
campaigns-issue-confirm = 确认下发

# 防返贫监测：共用
monitoring-heading = 防返贫监测
monitoring-stage = { $code ->
    [visit] 待入户核实
    [review] 待村民代表评议
    [notice] 待村内公示
    [township] 公示中，待乡镇审核
    [county] 待县级审定
    [measures] 待落实帮扶措施
    [watching] 监测帮扶中
    [cleared] 风险已消除
    [declined] 未纳入监测
   *[other] { $code }
}
monitoring-channel = { $code ->
    [application] 农户自主申报
    [village_check] 村级日常排查
    [data_alert] 部门数据预警
   *[other] { $code }
}
monitoring-risk = { $code ->
    [illness] 因病
    [disability] 因残
    [schooling] 因学
    [disaster] 因灾
    [accident] 因意外事故
    [work] 务工就业不稳
    [business] 产业经营失败
    [housing] 住房安全
    [water] 饮水安全
   *[other] 其他
}
monitoring-category = { $code ->
    [unstable] 脱贫不稳定户
    [edge] 边缘易致贫户
    [sudden] 突发严重困难户
   *[other] { $code }
}
monitoring-measure = { $code ->
    [industry] 产业帮扶
    [employment] 就业帮扶
    [training] 技能培训
    [consumption] 消费帮扶
    [education] 教育帮扶
    [health] 健康帮扶
    [welfare] 兜底保障
   *[other] 其他
}
monitoring-step-title = { $code ->
    [visit] 登记入户核实
    [review] 登记村民代表评议
    [notice] 登记村内公示（张贴之日）
    [township] 登记乡镇审核意见
    [county] 登记县级审定结果
    [measures] 落实帮扶措施
    [watching] 补充帮扶措施
   *[other] {""}
}
monitoring-result-yes = { $code ->
    [review] 同意纳入，进入村内公示
    [township] 审核通过，报县级审定
    [county] 纳入监测对象
   *[other] {""}
}
monitoring-result-no = { $code ->
    [review] 不同意纳入
    [township] 审核不通过
    [county] 不纳入
   *[other] {""}
}
monitoring-choose = 请选择
monitoring-form-below = 下面表单
monitoring-errors-end = 中标出的问题，改正后再提交。
monitoring-case-no = 第 { $id } 号 · { $head }
monitoring-persons = { $n } 人
monitoring-days = { $n } 天
monitoring-overdue-days = 逾期 { $n } 天
monitoring-range = { $from } 至 { $until }
monitoring-th-case = 监测户
monitoring-th-village = 村
monitoring-th-stage = 当前步骤
monitoring-th-due = 应办日期
monitoring-th-overdue = 逾期
monitoring-th-total = 合计
monitoring-th-members = 家庭人口
monitoring-th-found = 发现日期

# 防返贫监测：列表和登记
monitoring-list-lead = 有返贫致贫风险的农户，经农户申报、村级排查或部门预警发现后，依次入户核实（{ $village ->
    [true] 5 个工作日内
   *[other] 发现后 5 个工作日内
}）、村民代表评议、村内公示不少于 5 天、乡镇审核、县级审定（发现后 15 天内），纳入的落实帮扶措施，风险消除后退出监测。本页信息仅本村、所属扶贫办和审计人员可见。
monitoring-list-open-case = 打开第 { $id } 号监测户
monitoring-list-errors = 登记没有成功：请看
monitoring-list-workdays = 时限中的工作日按
monitoring-list-calendar = 节假日安排
monitoring-list-workdays-end = 计算。
monitoring-list-overdue = 已逾期（{ $n } 户）
monitoring-list-by-village = 各村在办情况
monitoring-list-ours = 本村的监测户
monitoring-list-in-progress = 办理中的监测户（尚未进入帮扶的，最早的 300 户）
monitoring-list-none-village = 本村还没有登记监测户。
monitoring-list-none = 辖区内没有办理中的监测户。
monitoring-list-none-see-counts = 辖区内没有办理中的监测户；监测帮扶中的户数见上表。
monitoring-list-file = 登记有风险的农户
monitoring-list-household = 农户
monitoring-list-not-registered = 不在建档立卡名单（在下面填写户主和人口）
monitoring-list-village-code = 村的区划代码（12 位，必填）
monitoring-list-village-code-hint = 数据预警中的村；须在本办辖区内
monitoring-list-head-name = 户主姓名（不在名单的农户填写）
monitoring-list-head-name-hint = 只填姓名，不填身份证号、电话
monitoring-list-members = 家庭人口（不在名单的农户填写）
monitoring-list-channel = 发现渠道（必选）
monitoring-list-channel-hint = 农户自主申报可由村干部代为登记。
monitoring-list-risk = 风险类型（必选，不公开）
monitoring-list-found-on = 发现日期（必填）
monitoring-list-note = 发现的情况（必填，4–300 字）
monitoring-list-note-hint = 如：务工收入中断，家庭支出骤增。不要写身份证号、电话、银行卡号。
monitoring-list-submit = 登记并开始核实

# 防返贫监测：一户
monitoring-back = ← 防返贫监测
monitoring-show-heading = 第 { $id } 号监测户 · { $head }
monitoring-show-errors = 没有登记：请看
monitoring-show-overdue = 「{ $stage }」应于 { $due } 前办理，已逾期 { $n } 天。
monitoring-show-head = 户主
monitoring-show-channel = 发现渠道
monitoring-show-risk = 风险类型
monitoring-show-risk-private = { $risk }（不公开）
monitoring-show-now = 当前
monitoring-show-closed-on = （{ $date }）
monitoring-show-category = 监测对象类型
monitoring-show-village-notice = 村内公示
monitoring-show-deadlines = 办理时限
monitoring-show-deadline = { $what }：{ $when }
monitoring-show-print-notice = 打印村内公示
monitoring-show-print-notice-hint = （只写户主姓名和家庭人口，不含身份证号、电话、银行和健康信息）
monitoring-show-record = 办理记录
monitoring-show-used-offer = 使用平台信息：
monitoring-show-township-from = 公示期不少于 5 天：{ $date } 起可以登记乡镇审核。
monitoring-show-done-on = 办理日期（必填）
monitoring-show-result = 结论（必选）
monitoring-show-result-no = { $result }（须写明理由，事项结束）
monitoring-show-category-taken = 纳入的监测对象类型
monitoring-show-measure-kind-adding = 措施类别（补充措施时必选）
monitoring-show-measure-kind = 措施类别（必选）
monitoring-show-offer = 使用平台上的岗位、培训或收购信息（可不选）
monitoring-show-no-offer = 不使用
monitoring-show-note-measure = 措施内容（不写身份证号、电话、银行卡号）
monitoring-show-note = 办理情况（不写身份证号、电话、银行卡号）
monitoring-show-clear = 风险消除，退出监测
monitoring-show-clear-hint = 经过监测，确认这一户收入稳定、风险已经消除时，由扶贫办登记退出监测，并写明理由。退出后本事项结束。
monitoring-show-clear-on = 认定日期（必填）
monitoring-show-clear-note = 退出理由（必填，不写身份证号、电话、银行卡号）
monitoring-show-clear-confirm = 确认这一户风险已经消除，退出监测
monitoring-show-clear-submit = 退出监测
monitoring-show-handled-by = 「{ $stage }」由{ $code ->
    [visit] 村里
    [review] 村里
    [notice] 村里
   *[other] 县扶贫办
}办理。

# 防返贫监测：村内公示
monitoring-notice-back = ← 回到第 { $id } 号监测户
monitoring-notice-print = 用浏览器的打印功能打印本页，张贴在村务公开栏。
monitoring-notice-heading = { $village }防止返贫监测对象拟纳入公示
monitoring-notice-lead = 经农户申请（或村级排查、部门预警）、入户核实和村民代表评议，拟将下列农户纳入防止返贫监测对象，现予公示。
monitoring-notice-head = 户主姓名
monitoring-notice-period = 公示期：{ $from } 至 { $until }。
monitoring-notice-period-open = 公示期：自张贴之日起不少于 5 天。
monitoring-notice-object = 对公示内容有异议的，请在公示期内向{ $village }当面或书面反映。

# 系统管理：共用
admin-save = 保存
admin-back = 返回
admin-choose = 请选择

# 系统管理：节假日安排
admin-calendar-heading = 节假日安排
admin-calendar-lead = 按工作日计算的时限（如防返贫监测的入户核实：发现后 5 个工作日内）除去周末，再按这里登记的法定节假日和调休上班日计算。每年国务院办公厅公布次年安排后，由系统管理员录入。现已登记 { $n } 天。
admin-calendar-days = 每行一天：放假的工作日写「日期 休」，调休上班的周末写「日期 班」；# 后为备注
admin-calendar-example = 例：2026-10-01 休、2026-10-10 班。
admin-calendar-none = 还没有登记节假日：目前只按周末计算。

# 系统管理：停用账号
admin-confirm-disable-heading = 确认停用账号
admin-confirm-disable-lead = 停用{" "}
admin-confirm-disable-who = （{ $role }）
admin-confirm-disable-who-unit = （{ $role }，{ $unit }）
admin-confirm-disable-rest = 后，该账号立即退出登录、不能再登录，接口令牌也不能再用。需要时可以重新启用。此操作记入审计日志。
admin-confirm-disable-submit = 确认停用

# 系统管理：新建账号
admin-new-user-back = ← 用户管理
admin-new-user-heading = 新建账号
admin-new-user-lead = 可为扶贫办审核员、定点帮扶单位或村委会成员（如驻村第一书记）开通账号。账号创建后没有密码，由安全管理员发放一次性密码，本人首次登录时修改。
admin-new-user-kind = 账号类型
admin-new-user-office = 扶贫办审核员（填写管辖范围）
admin-new-user-help-unit = 定点帮扶单位（选择单位：只能查看本单位联系的村和本单位的年度考核）
admin-new-user-village = 村委会成员，如驻村第一书记（填写村的区划代码：与本村其他账号一样查看和办理本村的需求、结对和协议）
admin-new-user-login = 登录名
admin-new-user-login-hint = 3–32 位小写字母、数字、下划线、点或短横线
admin-new-user-name = 姓名
admin-new-user-jurisdiction = 管辖范围（审核员）
admin-new-user-unit = 定点帮扶单位
admin-new-user-no-units = 还没有在任的定点帮扶单位：请扶贫办先在「帮扶责任」中登记。
admin-new-user-village-code = 村的区划代码（村委会成员）
admin-new-user-village-code-hint = 12 位数字，如 360902101201
admin-new-user-submit = 创建账号

# 系统管理：帮扶项目
admin-programmes-name = { $code ->
    [bqlbc] 百企联百村（万企帮万村）
    [wqxwc] 万企兴万村
    [dxxz] 东西部协作
    [ddbf] 定点帮扶
    [xfbf] 消费帮扶
   *[shzz] 社会组织帮扶
}
admin-programmes-period = { $code ->
    [bqlbc] 2015—2020 年，精准扶贫
    [wqxwc] 2021 年起，乡村振兴
   *[other] 常态化精准帮扶
}
admin-programmes-wording = { $code ->
    [bqlbc] 扶贫
   *[other] 帮扶
}
admin-programmes-heading = 帮扶项目
admin-programmes-county-errors = 县类别没有保存：
admin-programmes-county-errors-link = 请按下方提示修改后重新保存
admin-programmes-county-errors-end = 。
admin-programmes-lead = 本平台开展的帮扶项目。协议和帮扶记录标注计入哪些项目；同一条记录出现在每个项目的台账中，各类合计只算一次。未标注项目的协议和记录计入当前项目（现为「{ $current }」）。2015—2020 年的百企联百村（万企帮万村）沿用「扶贫」的说法，当前项目称「帮扶」。
admin-programmes-th-programme = 项目
admin-programmes-th-period = 时期
admin-programmes-th-wording = 用语
admin-programmes-th-running = 开展
admin-programmes-th-current = 当前项目
admin-programmes-th-status = 状态
admin-programmes-running = 开展
admin-programmes-not-running = 未开展
admin-programmes-current = 当前
admin-programmes-kept-by = 由系统管理员维护。各项目的台账见
admin-programmes-ledgers = 各项目台账
admin-programmes-kept-by-end = 。
admin-programmes-counties = 县类别
admin-programmes-counties-lead = 国家乡村振兴重点帮扶县、脱贫县等县类别，按上级公布的名单登记；消费帮扶台账注明产地县的类别，各项目台账统计来自重点帮扶县的采购。
admin-programmes-th-county = 县（市、区）
admin-programmes-th-code = 区划代码
admin-programmes-th-category = 类别
admin-programmes-no-counties = 还没有登记县类别。
admin-programmes-counties-label = 每行一个县：区划代码（6 位）和类别，# 后为备注
admin-programmes-counties-hint = 例：360926 脱贫县、国家乡村振兴重点帮扶县。保存时整体替换原名单；保存空白名单即清空全部县类别。
admin-programmes-save-counties = 保存县类别

# 系统管理：用户管理
admin-users-heading = 用户管理
admin-users-lead = 系统管理员创建扶贫办审核员账号、停用或启用业务账号；不发放密码，也不管理系统、安全、审计三类管理员账号（它们在服务器命令行上管理）。共 { $n } 个业务账号。
admin-users-new = 新建账号（审核员、帮扶单位）
admin-users-awaits-password = 待发放密码
admin-users-disabled = 已停用
admin-users-locked = 登录受限
admin-users-enable = 启用
admin-users-disable = 停用
admin-users-none = 没有找到账号。换个登录名或姓名再查。

# 协议：共用
agreements-status = { $code ->
    [pending_village] 待村委会会签
    [returned] 退回修改
    [pending_filing] 待扶贫办备案
    [active] 执行中
    [completed] 已完成
    [terminated] 已终止
   *[other] 未知
}
agreements-step = { $code ->
    [countersign] 会签协议
    [return] 退回修改
   *[file] 备案
}
agreements-contribution-status = { $code ->
    [reported] 待确认
    [confirmed] 村已确认
    [verified] 已核实
    [disputed] 有异议
    [corrected] 已更正
    [withdrawn] 已撤回
    [rejected] 不予认定
   *[other] 未知
}
agreements-contribution-step = { $code ->
    [confirm] 确认属实
    [dispute] 提出异议
    [verify] 核实
    [withdraw] 撤回记录
    [uphold] 认定异议成立
   *[overrule] 驳回异议并核实
}
agreements-draft = 起草帮扶协议
agreements-returned-comment = 退回意见：{ $comment }
agreements-plan = 计划
agreements-no-plan = 协议未填写计划。
agreements-milestones = 节点
agreements-persons = { $n } 人
agreements-back = 返回协议
agreements-back-to-pairing = 返回结对
agreements-save = 保存
agreements-all = 全部

# 协议：项目档案
agreements-archive-back = ← 返回协议
agreements-archive-download = 下载档案压缩包（含 { $n } 个证明材料文件）
agreements-archive-print = 用浏览器的「打印」可存为 PDF
agreements-archive-file-title = 项目档案：{ $title }

# 协议：起草与修改
agreements-form-edit = 修改帮扶协议
agreements-form-lead = 结对 #{ $id }。已按结对的帮扶资源和需求预先填好，请核对修改；金额以元填写，不涉及的项目留空。提交后由村委会会签、扶贫办备案，备案后开始执行。
agreements-form-title = 协议名称
agreements-form-terms = 协议内容（双方责任、帮扶方式）
agreements-form-money = 资金（元）
agreements-form-goods = 物资折价（元）
agreements-form-produce = 采购农产品（元）
agreements-form-jobs = 安置就业（人）
agreements-form-trainees = 技能培训/技术指导（人）
agreements-form-trainees-hint = 技术指导按接受指导的农户人数计
agreements-form-starts = 开始日期
agreements-form-ends = 结束日期
agreements-form-milestones = 节点（可不填）
agreements-form-milestone = 节点 { $n }
agreements-form-milestone-title = 名称
agreements-form-milestone-due = 到期日期
agreements-form-milestone-amount = 到期时累计金额（元）
agreements-form-programmes = 计入的帮扶项目（同一条记录可计入多个项目，总数只算一次）
agreements-form-period = （{ $period }）
agreements-form-resubmit = 修改后重新提交
agreements-form-submit = 提交村委会会签

# 协议：列表
agreements-list-heading = 帮扶协议
agreements-filter-status = 按状态筛选
agreements-list-more = 只列出最新的 200 份，可按状态筛选。
agreements-list-none = 没有符合条件的协议。结对审核通过后，企业或扶贫办在结对页面起草协议，村委会会签、扶贫办备案后开始执行。

# 协议：详情
agreements-show-party-a = 甲方（帮扶企业）：{ $name }
agreements-show-party-b = 乙方（受帮扶村）：{ $name }
agreements-show-period = 协议期限：{ $period }
agreements-show-programmes = 计入的帮扶项目：{ $programmes }
agreements-show-tag = 调整计入的帮扶项目（扶贫办）
agreements-show-tag-legend = 这份协议计入的项目（未单独标注的帮扶记录随协议计入）
agreements-show-stage = { $code ->
    [pending_village] 协议已起草，等待村委会会签：村委会查看条款后会签，或写明意见退回修改。
    [returned] 已退回修改：起草方按意见修改后重新提交，村委会再会签。
    [pending_filing] 村委会已会签，等待扶贫办备案；备案后协议开始执行。
   *[other] {""}
}
agreements-show-edit = 按意见修改后重新提交
agreements-show-terms = 协议内容
agreements-show-progress = 计划与完成情况
agreements-show-th-item = 项目
agreements-show-th-planned = 计划
agreements-show-th-verified = 已核实
agreements-show-th-done = 完成
agreements-show-milestone = { $title }，{ $due }前
agreements-show-milestone-amount = ，计划 { $amount }
agreements-show-contributions = 帮扶记录
agreements-show-report = 报告帮扶成效
agreements-show-record-no = 记录 { $id } 号
agreements-contribution-suspended = 异议成立，暂停公示，不计入统计
agreements-show-purchase = 采购：{ $purchase }
agreements-show-pay = 记录付款并评价
agreements-show-retain = 填报满 6 个月回访
agreements-show-verify-retention = 核实回访
agreements-show-counts-for = 计入：{ $programmes }
agreements-show-supersedes = 更正自帮扶记录 #{ $id }
agreements-show-dispute = 村委会的异议：{ $reason }
agreements-show-resolution = 处理结果：{ $resolution }
agreements-show-evidence = 证明材料：
agreements-show-correct = 更正
agreements-show-no-contributions = 还没有帮扶记录。
agreements-show-closed = 协议结束：{ $reason }
agreements-show-rating = 群众满意度（{ $year } 年）
agreements-show-rating-given = 村委会的评价：
agreements-show-rating-comment = ，{ $comment }
agreements-show-rating-legend = 本村对这项帮扶 { $year } 年的评价（每年一次，计入年度考核）
agreements-show-rating-comment-label = 意见（可不填）
agreements-show-rating-submit = 提交评价
agreements-show-not-rated = 村委会尚未评价。
agreements-show-close = 结束协议（扶贫办）
agreements-show-close-draft = 协议还未生效：只能终止（例如村委会长期不会签、企业不再修改）。
agreements-show-close-completed = 计划已完成
agreements-show-close-terminated = 终止协议
agreements-show-close-reason = 理由
agreements-show-close-submit = 确认结束协议
agreements-show-signatures = 甲方（盖章）：　　　　　　乙方（盖章）：　　　　　　日期：
agreements-show-back-to-list = 返回协议列表
agreements-show-archive = 项目档案

# 协议：确认一步
agreements-step-heading = 确认：{ $label }
agreements-step-party-a = 甲方：{ $name }
agreements-step-party-b = 乙方：{ $name }
agreements-step-period = 期限：{ $period }
agreements-step-notice = 此操作会通知对方并记入审计日志。
agreements-step-comment = 修改意见（企业会看到）
agreements-step-submit = 确认{ $label }

# 结对：共用
pairings-no = 结对 #{ $id }
pairings-status = { $code ->
    [proposed] 待确认
    [accepted_by_enterprise] 企业已接受
    [accepted_by_village] 村委会已接受
    [pending_review] 待审核
    [approved] 已通过
    [rejected] 已驳回
    [declined] 已婉拒
    [withdrawn] 已撤回
    [lapsed] 已失效
   *[other] 未知
}
pairings-act = { $code ->
    [accept] 接受结对
    [decline] 婉拒
    [withdraw] 撤回
    [approve] 审核通过
   *[reject] 驳回
}
pairings-score = 匹配度 { $pct }
pairings-back = 返回

# 结对：确认操作
pairings-confirm-heading = 确认：{ $label }
pairings-confirm-lead = 对结对 #{ $id } 执行“{ $label }”。此操作会通知对方并记入审计日志。
pairings-confirm-kind = 原因
pairings-confirm-reason = 理由或意见
pairings-confirm-hint = 对方和扶贫办会看到；选「距离太远」或「企业名额不足」时可不填。
pairings-confirm-hint-village = 对方和扶贫办会看到；选「距离太远」时可不填。
pairings-confirm-hint-parties = 企业和村委会都会看到；选「距离太远」或「企业名额不足」时可不填。
pairings-confirm-hint-office = 本办以后的专项行动会参考这些原因。
pairings-confirm-hint-other = 扶贫办以后的专项行动会参考这些原因。
pairings-confirm-submit = 确认{ $label }

# 消息
pairings-inbox-heading = 消息
pairings-inbox-marked = 已全部标为已读。
pairings-inbox-unread = { $n } 条未读。
pairings-inbox-mark-all = 全部标为已读
pairings-inbox-new = 新
pairings-inbox-none = 没有消息。结对进展、审核结果、考核通报等需要您知道或办理的事会在这里通知您。

# 结对：列表
pairings-list-heading = 结对
pairings-list-filter = 按状态筛选
pairings-list-tab = { $code ->
    [mine] { $role ->
        [office] 待我审核
       *[other] 待我处理
    }
    [theirs] { $role ->
        [enterprise] 待对方确认
        [village] 待对方确认
       *[other] 待双方确认
    }
    [review] 待审核
    [approved] 已通过
    [closed] 已结束
   *[other] 全部
}
pairings-list-sort = 排序
pairings-list-sort-by = { $code ->
    [updated] 最近更新在前
    [new] 最新发起在前
    [old] 最早发起在前
    [score] 匹配度高在前
   *[other] { $code }
}
pairings-list-export = 导出 Excel
pairings-list-updated = 更新于 { $at }
pairings-list-offer = 资源：{ $title }
pairings-list-need = 需求：{ $title }
pairings-list-empty = { $tab ->
    [mine] 没有等您处理的结对。
    [theirs] 没有等待确认的结对。
    [review] 没有等待扶贫办审核的结对。
    [approved] 还没有审核通过的结对。
    [closed] 没有已结束的结对（婉拒、撤回、驳回或审核通过后逾期未签协议而失效的，会列在这里）。
   *[other] 还没有结对。在帮扶资源或需求的详情页查看“推荐”，点“发起结对”即可。
}

# 结对：详情
pairings-show-enterprise = 企业
pairings-show-offer = 帮扶资源
pairings-show-village = 村
pairings-show-need = 村级需求
pairings-show-why = 为什么推荐
pairings-show-reason = 婉拒或撤回理由
pairings-show-review-reason = 审核意见
pairings-show-agreement = 查看帮扶协议
pairings-show-history = 经过
pairings-show-no-history = 这一结对是早期录入的，没有逐步记录。
