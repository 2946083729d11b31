# 扶贫办的页面：工作台、覆盖雷达、驾驶舱、机构审核、导入台账、队伍建设、审计日志、稽查报告、
# 监管线索、公示异议，以及使用帮助。

## 使用帮助（help/index）
help-index-heading = 使用帮助
help-index-lead = 企村是百企联百村行动的帮扶平台：企业发布能提供的帮助，村委会发布村里的需要，平台推荐双方结对，扶贫办审核、备案，帮扶成效经村委会确认、扶贫办核实后公示。
help-index-by-role = 按身份查看
help-index-enterprise = 企业
help-index-village = 村委会
help-index-office = 扶贫办
help-index-public = 群众
help-index-words = 常见词语
help-index-e1-title = 注册并等待认证。
help-index-e1 = 注册后由企业所在县（市、区）扶贫办审核；被退回时按意见在“本单位”页面修改并保存，会自动重新提交。
help-index-e2-title = 发布帮扶资源。
help-index-e2 = 在“我的资源”里写清岗位、收购的农产品、捐赠或培训，以及数量、金额、服务地区和有效期。写得越具体，推荐越准。
help-index-e3-title = 发起结对。
help-index-e3 = 在资源页面下方看“推荐村”，点“发起结对”；也可以在某个村的需求页面点“我要帮扶”。对方接受后，由扶贫办审核。
help-index-e4-title = 起草协议。
help-index-e4 = 结对审核通过后在结对页面点“起草帮扶协议”（已按双方信息预填），提交后由村委会会签、扶贫办备案，备案后协议开始执行。
help-index-e5-title = 报告成效。
help-index-e5 = 每次帮扶完成后在协议页面点“报告帮扶成效”，上传照片、收据等证明。村委会有异议时，可以“更正”或“撤回”，扶贫办也会裁定。
help-index-v1-title = 注册本村。
help-index-v1 = 从县、乡镇、村的列表中选出本村，由县扶贫办认证。
help-index-v2-title = 发布需求。
help-index-v2 = 在“我的需求”里用平常的话写清楚村里需要什么：卖不出去的农产品、想就近打工的人数、想学的技术等。
help-index-v3-title = 答复结对。
help-index-v3 = 有企业发起结对时，工作台和“消息”里会提示，点进去选择接受或婉拒（婉拒要选原因）。
help-index-v4-title = 会签协议。
help-index-v4 = 企业起草协议后请认真看条款，同意就“会签”，不同意就写明意见“退回修改”。
help-index-v5-title = 确认成效。
help-index-v5 = 企业报告的帮扶要由村里核对：属实就“确认属实”，不符就“提出异议”并写明理由。
help-index-o1-title = 工作台
help-index-o1 = 列出所有等您处理的事项：待认证的单位、待审核的结对、待备案的协议、待核实的帮扶记录、异议等，点一下就到处理的地方。
help-index-o2-title = 机构审核
help-index-o2 = 可认证通过、退回修改或不予认证，暂停也要写明理由，对方会收到通知；不予认证有误时可“重新受理”。列表可按名称、信用代码、类型筛选和排序，并导出 Excel。村的卡片上可以设定“村类别”（脱贫村、乡村振兴重点帮扶村等）。
help-index-o3-title = 专项行动
help-index-o3 = 一次为一批村和企业求出结对方案：可以锁定、排除后重新求解，确认后下发。
help-index-o4-title = 核实
help-index-o4 = 帮扶记录时先看证明材料和风险提示；有风险提示的记录要写明核实了什么。村委会有异议的记录由您裁定。
help-index-o5-title = 规划
help-index-o5 = 由县（市、区）扶贫办按规划期填写各年度目标，提交市扶贫办批准；完成情况按台账口径自动统计，可导出 Excel。
help-index-o6-title = 帮扶责任
help-index-o6 = 登记市领导挂县联村、县（处）级领导挂村联组和定点帮扶单位联系的村（市领导由市扶贫办登记）。每项责任的页面列出所联系村的结对、当年已核实帮扶和征集中的需求；换人时先「结束责任」并写明原因，再新增一项，历史保留。村的公开页面显示当前责任人的姓名和职务，不显示电话。
help-index-o7-title = 考核
help-index-o7-a = 按公开的
help-index-o7-formula = 考核办法
help-index-o7-b = 从已核实的台账、批准的规划和各村的评价自动计算县、企业和定点帮扶单位的得分，每项指标都能展开看到背后的记录，可下载 Excel。扶贫办可在对象的考核页面作出通报表彰、奖励、通报批评、诫勉谈话或限期整改（须写明理由，限期整改要填期限，完成后销号），结果列入公开的
help-index-o7-outcomes = 考核结果通报
help-index-o7-c = 并通知对方。村委会在协议页面每年评价一次帮扶效果（群众满意度）。
help-index-o8-title = 监管线索
help-index-o8 = 平台每天检查协议长期没有帮扶记录、记录没有证明材料、证明材料与其他项目相同、核实金额超出计划、确认过快或自报自确等情况，列为线索。线索不是结论：扶贫办逐条核查后选择「核实无问题」「已整改」或「已移交处理」并写明理由；处理过的线索不再重复提示，审计员可以查看。
help-index-o9-title = 宣传稿件
help-index-o9-a = 扶贫办可发布帮扶故事（标题、正文、可选照片），显示在公开的
help-index-o9-b = 页面；照片会重新编码，拍摄位置等信息不会公开。发布有误可写明原因撤下。每项协议还有「项目档案」：协议、里程碑、全部帮扶记录及证明材料、公示异议、监管线索和操作记录，可打印，也可下载含全部证明材料的压缩包。
help-index-o10-title = 集体经济收入
help-index-o10 = 村委会每年在「集体收入」报告本村集体经济收入，扶贫办核实或写明原因退回；核实后年收入达到 10 万元的村计入规划的「集体经济收入达标村」。扶贫办还可在「建档立卡」导入各村每年的建档立卡户数和人口（不公开），在「稽查报告」查看各县年度的资金、监管线索、异议和整改情况。
help-index-o11-title = 覆盖雷达和驾驶舱
help-index-o11 = 显示哪些村还没有结对、哪些事情停滞，以及各类帮扶的统计；表格都能导出为 Excel。
help-index-public-text = “公示”页面列出审核通过的结对和经核实的帮扶成效。如果发现不实，可以在公示期内点开具体公示提出异议，留下联系方式；联系方式只有扶贫办和审计人员能看到，处理结果会在公示页面公开。
help-index-match-term = 匹配度
help-index-match = 平台按帮扶类型、地区远近、数量规模、村里的困难程度、内容是否相关等算出的 0–100 分，越高越合适，只作参考。
help-index-after-term = 发起结对之后
help-index-after = 对方接受 → 扶贫办审核通过 → 起草协议 → 村委会会签 → 扶贫办备案 → 执行并报告成效。每一步都会通知对方。
help-index-notice-term = 公示
help-index-notice = 把结对和帮扶成效向社会公开一段时间，接受监督；有异议的记录在核实期间会注明。
help-index-register-term = 建档立卡
help-index-register = 国家扶贫信息系统登记的贫困户、贫困村（脱贫后继续监测帮扶）。

## 村类别（office/categories）
office-categories-heading = 村类别：{ $name }
office-categories-registered-poor = 建档立卡村
office-categories-lead = 村类别由扶贫办按上级认定填写，公开页面显示，专项行动可按类别选村。可多选，全部不勾即清除。
office-categories-legend = 类别
office-categories-category = { $code ->
    [lifted] 脱贫村
    [key_support] 乡村振兴重点帮扶村
    [weak_collective] 集体经济薄弱村
    [relocation] 易地搬迁安置点
   *[other] { $code }
}
office-categories-save = 保存
office-categories-back = 返回

## 数据驾驶舱（office/cockpit）
office-cockpit-heading = 数据驾驶舱 · { $year }年
office-cockpit-years = 年份
office-cockpit-year-prev = ← { $year }年
office-cockpit-year-next = { $year }年 →
office-cockpit-download-all = 下载全部表格（Excel）
office-cockpit-lead = 只计扶贫办已核实的帮扶记录。图下是同样的数字，可下载为 Excel。
office-cockpit-coverage = 各县村的结对覆盖
office-cockpit-region = 地区
office-cockpit-villages = 已认证的村
office-cockpit-partnered = 有已通过结对的村
office-cockpit-rate = 覆盖率
office-cockpit-no-villages = 辖区内还没有已认证的村。
office-cockpit-download-table = 下载此表（Excel）
office-cockpit-months = 已核实帮扶金额（按月）
office-cockpit-year-total = 全年合计：
office-cockpit-month-col = 月份
office-cockpit-money = 资金
office-cockpit-goods = 物资
office-cockpit-produce = 采购农产品
office-cockpit-other = 其他
office-cockpit-cumulative = 累计
office-cockpit-jobs = 就业（人）
office-cockpit-trainees = 培训（人）
office-cockpit-month = { $month }月
office-cockpit-outcomes = 帮扶成效（不只是投入）
office-cockpit-income = 村集体经济收入（已核实）
office-cockpit-income-figures = { $villages } 个村，合计 { $total }，其中 { $reached } 个村达到 10 万元
office-cockpit-assets = 移交村集体的项目资产
office-cockpit-assets-figures = { $n } 项，价值 { $value }
office-cockpit-assets-idle = ，其中 { $n } 项经营性资产今年和去年没有收益
office-cockpit-retention = 稳定就业（满 6 个月回访）
office-cockpit-retention-figures = 当年安置 { $placed } 人；回访经核实的 { $followed } 人中仍在岗 { $retained } 人
office-cockpit-retention-awaiting = ；另有 { $n } 人的回访待核实
office-cockpit-lifted = 消除返贫致贫风险
office-cockpit-lifted-figures = { $households } 户 { $people } 人（村入户核实、扶贫办认定风险消除）
office-cockpit-hint-income = 收入由村上报、扶贫办核实（
office-cockpit-hint-assets = ）；资产见
office-cockpit-hint-ledgers = ；各项目台账见
office-cockpit-hint-monitoring = ，风险消除见
office-cockpit-hint-end = 。
office-cockpit-states = 村的帮扶进度
office-cockpit-state = 进度
office-cockpit-state-villages = 村数
office-cockpit-top = 已核实帮扶金额前十的企业
office-cockpit-firm = 企业
office-cockpit-verified-amount = 已核实金额
office-cockpit-contributions = 帮扶记录
office-cockpit-no-top = 这一年还没有已核实的帮扶记录。

## 确认审核操作（office/confirm）
office-confirm-heading = 确认：{ $action }
office-confirm-lead-start = 对{" "}
office-confirm-lead = （{ $kind }，当前状态：{ $status }）执行“{ $action }”。此操作会通知对方并记入审计日志。
office-confirm-details = 注册信息
office-confirm-location = 所在地
office-confirm-uscc = 统一社会信用代码
office-confirm-industry = 行业
office-confirm-address = 地址
office-confirm-contact = 联系人
office-confirm-population = 总人口
office-confirm-poor-households = 建档立卡户
office-confirm-poor-population = 建档立卡人口
office-confirm-first-secretary = 第一书记
office-confirm-party-secretary = 村党组织书记
office-confirm-last-note = 上次审核意见：{ $note }
office-confirm-reason = 理由（对方会看到）
office-confirm-submit = 确认{ $action }
office-confirm-back = 返回

## 扶贫办工作台（office/home）
office-home-waiting = 待我处理
office-home-nothing-waits = 眼下没有待办事项。
office-home-coverage = 辖区结对覆盖
office-home-villages = 已认证的村
office-home-partnered = 有已通过结对的村
office-home-unpartnered = 尚无结对的村
office-home-caption = 各县（市、区）村的结对覆盖
office-home-county = 县（市、区）
office-home-county-villages = 村
office-home-county-partnered = 有结对
office-home-rate = 覆盖率
office-home-radar = 查看覆盖雷达
office-home-cockpit = 数据驾驶舱
office-home-campaigns = 最近的专项行动

## 导入台账（office/import）
office-import-lead = 上传本辖区的机构、帮扶资源和村级需求台账（.xlsx、.csv 或 .json）。每条记录须有自己的“参考编号”，按参考编号新增或更新，重复导入同一文件不会产生重复数据。文件中任何一条有误则全部不导入。
office-import-template = 下载 Excel 模板
office-import-template-hint = 模板按“机构”“帮扶资源”“需求”分三张表，表头为中文，另附填写说明。
office-import-done = { $file } 导入完成：{ $summary }
office-import-failed = { $file } 未导入任何数据，请修改以下问题后重新上传：
office-import-file = 台账文件
office-import-submit = 上传并导入

## 机构审核（office/organisations；状态、类型和操作也用于 office/confirm）
office-organisations-by-status = 按状态筛选
office-organisations-tab = { $code ->
    [pending] 待审核
    [verified] 已认证
    [returned] 退回修改
    [suspended] 已暂停
    [rejected] 不予认证
   *[other] 全部
}
office-organisations-status = { $code ->
    [pending] 待审核
    [verified] 已认证
    [suspended] 已暂停
    [returned] 退回修改
    [rejected] 不予认证
   *[other] 未知
}
office-organisations-kind = { $code ->
    [enterprise] 企业
    [village] 村委会
    [office] 扶贫办
   *[other] 机构
}
office-organisations-action = { $code ->
    [verify] 认证通过
    [suspend] 暂停
    [return] 退回修改
    [reject] 不予认证
   *[reopen] 重新受理
}
office-organisations-search = 名称或信用代码
office-organisations-kind-label = 类型
office-organisations-all-kinds = 全部
office-organisations-sort = 排序
office-organisations-sort-choice = { $code ->
    [new] 最新注册在前
    [old] 最早注册在前
    [name] 按名称
    [region] 按地区
   *[other] { $code }
}
office-organisations-export = 导出 Excel
office-organisations-contact = 联系人 { $name } { $phone }
office-organisations-registered = { $date } 注册
office-organisations-review-note = 审核意见：{ $note }
office-organisations-outside = 注册地不在本辖区，因在本辖区有帮扶资源或结对而列出；由注册地扶贫办审核，联系方式请通过结对联系。
office-organisations-categories = 村类别
office-organisations-none = 没有符合条件的机构。换个名称、类型或状态再查；新注册的企业和村委会会出现在“待审核”中。
office-organisations-ledger = 下载台账
office-organisations-ledger-year = 台账年度
office-organisations-year = { $year } 年
office-organisations-format = 格式
office-organisations-xlsx = Excel（XLSX）

## 覆盖雷达（office/radar）
office-radar-heading = 覆盖雷达
office-radar-wider = ← 全部辖区
office-radar-lead = { $villages } 个已认证的村中，{ $partnered } 个有已通过的结对，{ $unpartnered } 个尚无。每一项都链接到处理它的页面。
office-radar-unpartnered = 尚无结对的村
office-radar-county = ：{ $partnered } / { $villages } 个村有结对（{ $percent }%）
office-radar-more-villages = 另有 { $n } 个村未列出。
office-radar-all-paired = 每个村都有已通过的结对。
office-radar-no-villages = 辖区内还没有已认证的村。
office-radar-section = { $heading }（{ $n }）
office-radar-more-items = 只列出最早的 50 项，另有 { $n } 项。
office-radar-none = 没有。
office-radar-unmet = 发布 30 天仍无人响应的需求
office-radar-stuck = 停滞 30 天以上的结对
office-radar-no-agreement = 审核通过 30 天仍未签协议的结对
office-radar-no-agreement-none = 没有。再过 30 天仍未签协议的结对会失效，双方和扶贫办都会收到消息。
office-radar-overdue = 逾期的协议节点
office-radar-monitoring = 逾期的防返贫监测步骤
office-radar-to-confirm = 待村委会确认的帮扶记录
office-radar-to-verify = 待扶贫办核实的帮扶记录
office-radar-disputes = 村委会有异议的帮扶记录
office-radar-objections = 待处理的公示异议

## 队伍建设（office/team）
office-team-back-own = 返回本办的队伍建设
office-team-back-all = 返回各扶贫办
office-team-heading = 队伍建设
office-team-posts = 编制
office-team-vacancies = （空缺 { $n }）
office-team-staff = 在岗审核人员
office-team-people = { $n } 人
office-team-work = 待办事项
office-team-items = { $n } 项
office-team-unassigned-days = ，其中 { $n } 项未指定负责人（最久 { $days } 天）
office-team-unassigned-today = ，其中 { $n } 项未指定负责人（最久的是今天的）
office-team-posts-label = 登记编制数（0–{ $max }）
office-team-posts-save = 保存编制
office-team-reviewers = 审核人员和各自的待办
office-team-name = 姓名
office-team-last-login = 最近登录
office-team-held = 负责的待办
office-team-oldest = 最久等待
office-team-days = { $n } 天
office-team-today = 今天
office-team-unassigned = 未指定负责人
office-team-kinds-sep = ；
office-team-work-hint = 。未指定负责人的事项由本办任何审核人员办理；有人请假或出差时，可把他负责的事项分配给别人。
office-team-filter = { $filter }（{ $n } 项）·
office-team-see-all = 看全部
office-team-select = 选择
office-team-item = 事项
office-team-kind = 类别
office-team-age = 已等待
office-team-holder = 负责人
office-team-select-item = 选择：{ $title }
office-team-assign-to = 把勾选的事项分配给
office-team-choose = 请选择
office-team-to-office = 退回本办（不指定负责人）
office-team-assign = 分配
office-team-no-work = 没有待办事项。
office-team-offices-below = 下级扶贫办的队伍和待办
office-team-offices-all = 各扶贫办的队伍和待办
office-team-office = 扶贫办
office-team-in-post = 在岗
office-team-vacant = 空缺
office-team-backlog = 待办
office-team-unassigned-col = 未指定

## 审计日志（audit/list）
audit-list-page = 第 { $page }/{ $pages } 页
audit-list-action = 操作
audit-list-all-actions = 全部操作
audit-list-entity = 对象
audit-list-all-entities = 全部对象
audit-list-export-from = 导出自
audit-list-export-to = 至
audit-list-format = 格式
audit-list-xlsx = Excel（XLSX）
audit-list-export = 导出存档
audit-list-id = 序号
audit-list-at = 时间
audit-list-actor = 操作人
audit-list-changes = 变更
audit-list-field = 项目
audit-list-before = 之前
audit-list-after = 之后
audit-list-none = 没有符合条件的记录。

## 稽查报告（inspection/index）
inspection-index-heading = { $county } { $year } 年度帮扶稽查报告
inspection-index-lead = 由平台记录自动汇总：已核实的帮扶记录（异议成立的不计）、监管线索及处理、公示和异议、限期整改。可打印或下载 Excel。
inspection-index-county = 县（市、区）
inspection-index-year-label = 年度
inspection-index-year = { $year } 年
inspection-index-show = 查看
inspection-index-xlsx = 下载 Excel
inspection-index-none = 本年度没有。

## 监管线索（supervision/list）
supervision-list-heading = 监管线索
supervision-list-lead = 平台每天检查一次可能的假项目、空项目：协议生效超过 { $months } 个月没有帮扶记录、已确认的记录没有证明材料、证明材料与其他项目相同、核实金额超出协议计划、确认过快或自报自确、带动人数超过建档立卡人口、企业报告的金额多为整万元、经营性项目资产移交满一年没有收益。线索不是结论：请逐条核查，选择处理结果并写明理由；处理后的线索不再重复提示。
supervision-list-state = 处理状态
supervision-list-rule = 线索类型
supervision-list-scan = 立即检查
supervision-list-found = { $date } 发现
supervision-list-colon = ：
supervision-list-comma = ，
supervision-list-outcome = 处理结果
supervision-list-choose = 请选择
supervision-list-outcome-choice = { $code ->
    [cleared] 核实无问题
    [rectified] 已整改
    [referred] 已移交处理
   *[other] { $code }
}
supervision-list-reason = 核查情况和理由
supervision-list-close = 处理
supervision-list-none-open = 没有待处理的线索。
supervision-list-none-closed = 还没有处理过的线索。

## 处理公示异议（notices/confirm）
notices-confirm-act = { $code ->
    [uphold] 异议成立
   *[dismiss] 异议不成立
}
notices-confirm-heading = 确认：{ $action }
notices-confirm-notice = 公示
notices-confirm-objection = 异议内容
notices-confirm-resolution = 处理结果（公开）
notices-confirm-submit = 确认{ $action }
notices-confirm-back = 返回

## 公示异议（notices/objections）
notices-objections-heading = 公示异议
notices-objections-by-status = 按状态筛选
notices-objections-sort = 排序
notices-objections-sort-choice = { $code ->
    [new] 最新提出在前
    [old] 最早提出在前
   *[other] { $code }
}
notices-objections-sort-submit = 排序
notices-objections-export = 导出 Excel
notices-objections-status = { $code ->
    [open] 待处理
    [upheld] 异议成立
    [dismissed] 异议不成立
   *[other] {""}
}
notices-objections-filed = { $date } 提出 · 联系人：{ $contact }
notices-objections-resolution = 处理结果：{ $text }
notices-objections-uphold = 异议成立
notices-objections-dismiss = 异议不成立
notices-objections-none-open = 没有待处理的异议。公众对公示提出异议后会出现在这里，并通知本办。
notices-objections-none = 没有异议。
notices-objections-no-contacts = 导出的表格不含异议人的联系方式。

## 匹配词库（office/lexicon）
office-lexicon-heading = 匹配词库
office-lexicon-lead = 平台按词库理解需求和帮扶资源里的说法：产品的俗称、方言和品牌，技能、证书、服务的日常说法。内置词库有 { $builtin } 个词条；本地特有的说法可以在这里补充，例如本县对某种产品的叫法，或内置词库没有的特产。
office-lexicon-in-use = 正在使用的补充词条
office-lexicon-from-file = 正在使用的补充词条是服务启动时从文件 { $file } 读入的，它优先于本页保存的内容；本页保存的词条要在不指定该文件启动时才会生效。
office-lexicon-default-file = 正在使用的补充词条读自数据目录中的文件 { $file }。在本页保存后，重启时改用本页保存的词条。
office-lexicon-refused = 本页保存的补充词库在服务启动时未能载入，现在只用内置词库：新版内置词库已含有其中的词。请按下列问题修改后保存，重启后生效。
office-lexicon-pending = 本页于 { $at } 保存的补充词库与正在使用的不同：重启服务后生效，那时搜索索引会按新词重建一次。
office-lexicon-saved-not-used = 本页于 { $at } 保存的词条现在没有使用：启动时指定了上面的文件。
office-lexicon-saved-at = 本页于 { $at } 保存，正在使用。
office-lexicon-th-term = 标准名称
office-lexicon-th-kind = 类型
office-lexicon-th-category = 类别
office-lexicon-th-aliases = 别名
office-lexicon-th-builtin-term = 内置词条
office-lexicon-th-local-names = 补充的本地叫法
office-lexicon-download = 下载为 Excel（未保存过时为空白模板）
office-lexicon-edit = 修改补充词库
office-lexicon-format = 每行一个词条，各列用制表符分隔：标准名称、类型、类别、别名（多个用 | 分隔）、说明。第一行是表头。标准名称已在内置词库中的行，只为它补充别名（本地叫法）；其他行是新词条。一个词只能属于一个词条。以 # 开头的行是注释。
office-lexicon-kinds = 类型可写：产品、销售渠道、技能、证书、服务、基础设施、岗位、需求表达、物资。类别可分级，用 > 连接，如 农产品>水果>柑橘（收水果的企业也会匹配到这种产品）。
office-lexicon-checked = 检查通过：
office-lexicon-checked-file = { $file } 检查通过：
office-lexicon-new-entry = 新词条「{ $term }」（{ $kind }，{ $category }）
office-lexicon-also = ，又称 { $aliases }
office-lexicon-notes = 请留意：
office-lexicon-new-names = 为「{ $term }」补充叫法：{ $aliases }
office-lexicon-not-saved-yet = 尚未保存：确认无误后点“保存”。
office-lexicon-problems = 未保存，请修改以下问题：
office-lexicon-problems-file = { $file } 未保存，请修改以下问题：
office-lexicon-stale = 在你编辑期间，另一位工作人员保存了补充词库，你的修改没有保存。下面的编辑框里是现在保存的内容；展开“你提交的内容”可对照，合并后再保存。
office-lexicon-stale-sent = 你提交的内容
office-lexicon-text = 补充词条
office-lexicon-text-hint = 可以在 Excel 中选中整张表（含表头）复制后粘贴到这里。清空后保存，表示不再使用补充词条。
office-lexicon-check = 检查
office-lexicon-save = 保存
office-lexicon-file = 或上传文件
office-lexicon-file-hint = Excel 工作簿（.xlsx，读第一张表），或制表符分隔的文本文件（.tsv、.txt，UTF-8 或 Unicode）。上传后先检查并放进上面的编辑框，不会直接保存。
office-lexicon-upload = 上传并检查
