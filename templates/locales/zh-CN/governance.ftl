# 治理类页面：考核、账号安全、帮扶责任、帮扶项目、注册、两步验证、规划、建档立卡。

# 考核办法
assessment-formula-heading = 考核办法
assessment-formula-version = 公式版本：
assessment-formula-lead = ，{ $effective } 起施行。每个指标按 0–100 分计，乘以权重相加；当年没有可计量内容的指标（如没有评价、没有到期的里程碑、没有批准的年度目标）不计入，其权重按比例分给其余指标。所有数据来自平台上已核实的台账、经批准的规划和各村的评价，任何人可按本办法复算，扶贫办随时可以重新计算并核对。结果运用（表彰、奖励、批评、诫勉、限期整改）见考核结果通报。
assessment-formula-indicator = 指标
assessment-formula-weight = 权重
assessment-formula-source = 计分方法和数据来源
assessment-formula-ratings = 群众满意度计分
assessment-formula-colon = ：
assessment-formula-points = {" "}分
assessment-formula-prompt = 帮扶记录「及时核实」指报告后 { $days } 天内由扶贫办核实。有异议成立的记录不计入任何指标。
assessment-formula-earlier = 以前的版本
assessment-formula-earlier-version = { $version }（{ $from } 至 { $until }）
assessment-formula-v2-note = 第 2 版加入「村干部培训」（县，10 分），由规划完成率和群众满意度各让出 5 分。
assessment-formula-outcomes-link = 查看考核结果通报

# 年度考核（列表）
assessment-list-heading = { $year } 年度考核
assessment-list-lead-before = 按
assessment-list-formula = 考核办法（{ $version }）
assessment-list-lead-after = 由已核实的台账、批准的规划和各村评价自动计算；点名称查看每项指标的分数和背后的记录。
assessment-list-year = 年度
assessment-list-year-option = { $year } 年
assessment-list-view = 查看
assessment-list-tabs = 考核对象
assessment-list-kind = { $code ->
    [county] 县（市、区）
    [enterprise] 企业
    [unit] 定点帮扶单位
   *[other] { $code }
}
assessment-list-rank = 名次
assessment-list-total = 总分
assessment-list-xlsx = 下载 Excel
assessment-list-empty = { $year } 年本辖区没有参评的{ $kind }：县按有已认证村计，企业按当年有执行中的协议或已核实的帮扶计，帮扶单位按当年在岗的定点帮扶责任计。

# 考核结果通报
assessment-outcomes-heading = 考核结果通报
assessment-outcomes-lead-before = 各级扶贫办依据
assessment-outcomes-formula = 考核办法
assessment-outcomes-lead-after = 对县（市、区）、企业和定点帮扶单位作出的表彰、奖励、通报批评、诫勉谈话和限期整改，以及整改销号情况。
assessment-outcomes-revoked = 已撤销
assessment-outcomes-kind = { $code ->
    [commend] 通报表彰
    [reward] 奖励
    [criticise] 通报批评
    [admonish] 诫勉谈话
    [rectify] 限期整改
   *[other] 其他
}
assessment-outcomes-meta = { $subject } · { $year } 年度 · { $office } { $date } 作出
assessment-outcomes-deadline = 整改期限 { $date }
assessment-outcomes-none = 还没有考核结果通报。

# 一个单位的考核
assessment-show-back = ← { $year } 年度考核
assessment-show-back-unit = ← 本单位联系村
assessment-show-rank = （全平台 { $of } 个参评{ $kind }中第 { $rank } 名）
assessment-show-weight = 权重 { $weight }
assessment-show-not-counted = 不计入
assessment-show-not-counted-why = （权重分给其余指标）
assessment-show-records = 背后的记录（{ $n } 条）
assessment-show-not-assessed = { $year } 年没有参评：当年没有执行中的协议、已核实的帮扶或在岗的责任。可选择其他年度。
assessment-show-outcomes = 考核结果运用
assessment-show-outcome-year = { $year } 年度
assessment-show-overdue = 已逾期
assessment-show-close-note = 整改完成情况（必填，4–500 字）
assessment-show-close = 销号
assessment-show-revoke-summary = 撤销（作出有误时）
assessment-show-revoke-reason = 撤销理由（必填，将公示）
assessment-show-revoke = 撤销
assessment-show-no-outcomes = 还没有作出考核结果运用。
assessment-show-decide-heading = 作出结果运用
assessment-show-decide-hint-before = 结果和理由将列入公开的
assessment-show-decide-hint-link = 考核结果通报
assessment-show-decide-hint-after = ，并通知对方。
assessment-show-decide-year = 考核年度
assessment-show-decide-kind = 方式
assessment-show-choose = 请选择
assessment-show-decide-reason = 依据和理由（必填）
assessment-show-decide-reason-hint = 将随结果公示
assessment-show-decide-deadline = 整改期限
assessment-show-decide-deadline-hint = 仅限期整改填写
assessment-show-decide = 作出

# 我的账号
account-show-heading = 我的账号
account-show-who = { $name }（{ $login }）
account-show-role = { $code ->
    [enterprise] 企业用户
    [village] 村委会用户
    [help_unit] 帮扶单位用户
    [office] 扶贫办审核员
    [admin] 系统管理员
    [security] 安全管理员
    [auditor] 审计管理员
   *[other] { $code }
}
account-show-expired = 您的密码已使用超过规定期限，请先设置新密码，再继续其他操作。
account-show-first-login = 这是系统生成的一次性密码，请先设置您自己的密码，再继续其他操作。
account-show-change-password = 修改密码
account-show-current = 当前密码
account-show-new = 新密码
account-show-new-hint = 至少 10 位，含小写字母、大写字母、数字、符号中的三类；不能含登录名，不能是常见密码或最近用过的 5 个密码。修改后其他设备需重新登录，API 令牌全部吊销
account-show-new-again = 再次输入新密码
account-show-totp = 两步验证
account-show-totp-on = 已开启：登录时输入密码后，还须输入手机验证器上的动态码。
account-show-totp-view = 查看
account-show-totp-off = 未开启。开启后，别人即使知道密码也无法登录您的账号。
account-show-totp-set-up = 设置两步验证
account-show-api = 程序对接（API 令牌）
account-show-api-lead = 一般用不到：只在本单位的台账系统等程序要自动提交或读取数据时，由信息化人员创建令牌。程序调用{" "}
account-show-api-mid = {" "}接口时，请求头写{" "}
account-show-api-header = Authorization: Bearer 令牌
account-show-api-end = 。修改密码时所有令牌自动吊销。
account-show-new-token = 新令牌（只显示这一次）：
account-show-token-name = 令牌用途
account-show-token-name-hint = 例如：台账同步
account-show-token-days = 有效期
account-show-days = { $n } 天
account-show-read-only-choice = 只读（只能查询，不能提交或修改）
account-show-create-token = 创建令牌
account-show-read-only = 只读
account-show-token-dates = 创建于 { $created } · 有效至 { $expires } · 最近使用 { $used }
account-show-revoke = 吊销
account-show-no-tokens = 还没有令牌。需要程序对接时再创建。

# 两步验证的设置
account-totp-heading = 两步验证
account-totp-now-on = 两步验证已开启。以后登录时，输入密码后还须输入验证器上的动态码。
account-totp-codes-heading = 恢复码（只显示这一次）
account-totp-codes-lead = 手机丢失或更换时，用下面任意一个恢复码代替动态码登录，每个只能用一次。请抄写或打印后妥善保管，不要存在同一部手机上。
account-totp-continue = 继续
account-totp-recovery-left = 您刚用一个恢复码登录，还剩 { $n } 个。恢复码用完前，请联系安全管理员清除两步验证后重新设置。
account-totp-on-since = 两步验证已于 { $date } 开启。
account-totp-lost-phone = 换手机或丢失手机时，请联系安全管理员清除后重新设置。
account-totp-back = 返回我的账号
account-totp-required = 您的账号须使用两步验证。设置完成前，其他页面暂不能使用。
account-totp-step-install = 在手机上安装一个验证器（如“微信小程序身份验证器”“Google Authenticator”“Microsoft Authenticator”）。
account-totp-step-scan = 用验证器扫描下面的二维码；无法扫码时，选择“手动输入”，输入密钥：
account-totp-step-code = 输入验证器显示的 6 位动态码，完成设置。
account-totp-qr = 两步验证设置二维码
account-totp-code = 动态码
account-totp-turn-on = 开启两步验证

# 帮扶责任
responsibility-list-heading = 帮扶责任
responsibility-list-lead = 登记市领导挂县联村、县（处）级领导挂村联组和定点帮扶单位联系的县、村。责任结束后记录保留；换人时先结束原责任，再新增一项。村的公开页面显示当前的责任人和单位（不显示电话）。
responsibility-list-current = 当前责任（{ $n }）
responsibility-list-villages = 联系 { $n } 个村
responsibility-list-not-started = 尚未开始
responsibility-list-none = 还没有登记帮扶责任。
responsibility-list-none-create = 用下面的表格登记。
responsibility-list-ended = 已结束的责任（{ $n }）
responsibility-list-new = 新增帮扶责任
responsibility-list-submit = 登记
responsibility-list-county-pick = 县（市、区）（先选择，再点「列出该县的村」勾选联系的村）
responsibility-list-choose = 请选择
responsibility-list-list-villages = 列出该县的村
responsibility-list-kind-label = 责任类型
responsibility-list-kind = { $code ->
    [city_leader] 市领导挂县联村
    [county_leader] 县（处）级领导挂村联组
    [help_unit] 定点帮扶单位
   *[other] { $code }
}
responsibility-list-name = 领导姓名或帮扶单位名称（必填）
responsibility-list-post = 职务或单位性质（必填）
responsibility-list-post-hint = 如：副市长；县委常委；市直机关、国有企业
responsibility-list-villages-legend = 联系的村
responsibility-list-county-picked = （{ $county }）
responsibility-list-no-villages = 该县还没有已认证的村。
responsibility-list-pick-first = 请先在上面选择县（市、区），点「列出该县的村」。市领导挂县可以不勾选村。
responsibility-list-from = 开始日期（必填）
responsibility-list-to = 结束日期
responsibility-list-to-hint = 不确定可留空，结束时再填

# 一项帮扶责任
responsibility-show-all = ← 全部帮扶责任
responsibility-show-own-lead = 本单位的定点帮扶责任、联系的村及其进展，由扶贫办登记；如有出入请联系扶贫办。
responsibility-show-post = 职务或单位性质
responsibility-show-county = 县（市、区）
responsibility-show-dates = 起止
responsibility-show-state = 状态
responsibility-show-own-assessment = 本单位年度考核得分与依据
responsibility-show-assessment = 年度考核得分与依据
responsibility-show-villages = 联系的村：{ $year } 年进展
responsibility-show-village = 村
responsibility-show-pairings = 已通过的结对
responsibility-show-contributed = { $year } 年已核实帮扶
responsibility-show-needs-open = 征集中的需求
responsibility-show-total = 合计
responsibility-show-counted = 已核实帮扶按台账口径统计（有异议成立的记录不计）。
responsibility-show-county-only = 这项责任只挂县，没有联系具体的村。
responsibility-show-cancel-heading = 撤销这项登记
responsibility-show-cancel-hint = 这项责任尚未开始：撤销后不会显示为任何村的责任人，记录保留。
responsibility-show-cancel-reason = 撤销原因（必填）
responsibility-show-cancel-reason-hint = 如：登记有误
responsibility-show-cancel = 撤销登记
responsibility-show-end-heading = 结束这项责任
responsibility-show-end-hint = 结束后记录保留；结束日期在今天之后的，到那天之前仍显示为当前责任人。如需接替，请在列表页新增一项。
responsibility-show-end-date = 结束日期（必填）
responsibility-show-end-reason = 结束原因（必填）
responsibility-show-end-reason-hint = 如：职务调整、帮扶期满
responsibility-show-end = 结束责任

# 各帮扶项目
programmes-overview-heading = 各帮扶项目（{ $year } 年）
programmes-overview-year = 年度
programmes-overview-year-option = { $year } 年
programmes-overview-view = 查看
programmes-overview-lead = 经扶贫办核实、未被异议撤销的帮扶记录，按帮扶日期计入年度。一条记录可计入多个项目，在每个项目的台账中各出现一次；最后一行合计中只算一次。
programmes-overview-col-programme = 帮扶项目
programmes-overview-col-agreements = 协议
programmes-overview-col-records = 记录
programmes-overview-col-industry = 产业投入
programmes-overview-col-purchase = 其中消费帮扶采购
programmes-overview-col-charity = 公益投入
programmes-overview-col-jobs = 安置就业
programmes-overview-col-trainees = 技能培训
programmes-overview-people = { $n } 人
programmes-overview-shared = 其中 { $n } 条记录同时计入多个项目：各项目之和大于合计，合计没有重复计算。
programmes-overview-from-lead = 消费帮扶采购中：
programmes-overview-from = 来自{ $category } { $amount }
programmes-overview-from-sep = ；
programmes-overview-from-note = （县类别见
programmes-overview-programmes-link = 帮扶项目
programmes-overview-from-end = ）。
programmes-overview-retention = 稳定就业：{ $year } 年安置 { $placed } 人，满 6 个月回访经核实仍在岗 { $retained } 人。
programmes-overview-ledgers = 下载台账
programmes-overview-colon = ：
programmes-overview-checks = 消费帮扶核查（价高质次）
programmes-overview-bought = 采购 { $village } 的{ $product }，{ $amount }
programmes-overview-see-agreement = 查看协议与记录
programmes-overview-no-checks = { $year } 年没有需要核查的采购：高于市场价 30% 以上、买方评价质量差或付款与金额不一致的采购会列在这里。
programmes-overview-which-before = 开展哪些项目见
programmes-overview-which-end = 。

# 记录付款并评价
programmes-purchase-heading = 记录付款并评价
programmes-purchase-what = 采购：{ $product }，金额 { $amount }。
programmes-purchase-rules = 。按消费帮扶的规则，采购须村委会确认交货、买方记录付款并评价质量后，才能经扶贫办核实计入。付款和评价只能记录一次。
programmes-purchase-paid-on = 付款日期
programmes-purchase-paid = 实际付款（元）
programmes-purchase-paid-hint = 与采购金额不一致时扶贫办会核查
programmes-purchase-rating = 质量评价
programmes-purchase-rating-choice = { $n ->
    [5] 5 分：很好
    [4] 4 分：好
    [3] 3 分：一般
    [2] 2 分：较差
    [1] 1 分：很差
   *[other] { $n } 分
}
programmes-purchase-comment = 评价说明（2 分及以下须填写）
programmes-purchase-submit = 提交
programmes-purchase-back = 返回协议

# 满 6 个月回访
programmes-retention-heading = 满 6 个月回访
programmes-retention-lead = 这批就业自 { $since } 起，当时安置 { $placed } 人。请回访后填写现在仍在岗的人数；扶贫办核实后计入稳定就业。只能填报一次。
programmes-retention-retained = 仍在岗（人）

# 企业注册
auth-register-enterprise-heading = 企业注册
auth-register-enterprise-name = 企业名称
auth-register-enterprise-name-hint = 与营业执照一致
auth-register-enterprise-uscc = 统一社会信用代码
auth-register-enterprise-uscc-hint = 18 位，见营业执照
auth-register-enterprise-industry = 所属行业
auth-register-enterprise-choose = 请选择
auth-register-enterprise-county = 注册地（县、市、区）
auth-register-enterprise-address = 企业地址
auth-register-enterprise-contact = 联系人
auth-register-enterprise-contact-phone = 联系人手机
auth-register-enterprise-contact-phone-hint = 完整号码只有扶贫办和本单位能看到；公开页面隐藏中间四位
auth-register-enterprise-login-hint = 3–32 位，可用字母、数字、下划线、点或短横线
auth-register-enterprise-password-hint = 至少 10 位，含小写字母、大写字母、数字、符号中的三类，不能含登录名或是常见密码
auth-register-enterprise-password-again = 再次输入密码
auth-register-enterprise-submit = 提交注册

# 村委会注册
auth-register-village-heading = 村委会注册
auth-register-village-step-county = 第一步：选择所在县（市、区）
auth-register-village-next = 下一步
auth-register-village-step-village = 第二步：选择本村
auth-register-village-no-villages = 该县的村级区划尚未导入，请联系扶贫办。
auth-register-village-register = 建档立卡情况
auth-register-village-population = 总人口（人）
auth-register-village-poor-households = 建档立卡贫困户（户）
auth-register-village-poor-population = 建档立卡贫困人口（人）
auth-register-village-registered-poor = 本村为建档立卡贫困村
auth-register-village-industries = 主导产业
auth-register-village-industries-hint = 例如：富硒大米、油茶
auth-register-village-cadres = 村干部与联系人
auth-register-village-first-secretary = 驻村第一书记
auth-register-village-first-secretary-phone = 第一书记手机
auth-register-village-party-secretary = 村党组织书记
auth-register-village-party-secretary-phone = 村党组织书记手机
auth-register-village-contact = 平台联系人
auth-register-village-contact-phone-hint = 完整号码只有扶贫办和本村能看到；公开页面隐藏中间四位
auth-register-village-login = 登录信息

# 登录时的两步验证
auth-totp-heading = 两步验证
auth-totp-lead = 密码已核对。请打开手机上的验证器（如“微信小程序身份验证器”“Google Authenticator”），输入“企村”账号当前显示的 6 位动态码。
auth-totp-code = 动态码或恢复码
auth-totp-code-hint = 手机不在身边时，可输入设置时保存的一个恢复码（每个只能用一次）。都没有时请联系安全管理员。
auth-totp-submit = 验证并登录
auth-totp-other-account = 换一个账号登录

# 规划
plans-list-heading = 规划
plans-list-lead = 各县（市、区）扶贫办按规划期编制年度目标（结对村数、产业投入、公益投入、安置就业、技能培训、带动贫困人口），报市扶贫办批准；完成情况按台账的口径从已核实的帮扶记录自动统计（有异议成立的记录不计）。
plans-list-status = { $code ->
    [draft] 草稿
    [submitted] 待市扶贫办审批
    [returned] 退回修改
    [approved] 已批准
   *[other] 未知
}
plans-list-plan = { $county }「{ $period }」规划
plans-list-none = 还没有规划。
plans-list-none-create = 用下面的表格建立本县的规划。
plans-list-none-wait = 县（市、区）扶贫办建立并提交后会出现在这里。
plans-list-combined = 各县 { $year } 年目标完成情况
plans-list-year = 年度
plans-list-year-option = { $year } 年
plans-list-view = 查看
plans-list-county = 县（市、区）
plans-list-period = 「{ $plan }」
plans-list-total = 合计
plans-list-combined-hint = 每格为「完成 / 目标」；只列规划已批准并覆盖该年度的县，合计为这些县之和。完成数按台账口径统计。
plans-list-combined-none = { $year } 年还没有已批准的县级规划。县扶贫办提交、本办批准后会列在这里。
plans-list-new = 新建本县规划
plans-list-new-period = 规划期
plans-list-new-period-hint = 如：十五五
plans-list-new-start = 开始年份
plans-list-new-end = 结束年份
plans-list-new-end-hint = 最长 10 年
plans-list-new-submit = 建立草稿

# 一个县的规划
plans-show-all = ← 全部规划
plans-show-xlsx = 下载 Excel
plans-show-note-earlier = 上次退回时市扶贫办的意见
plans-show-note = 市扶贫办意见
plans-show-colon = ：
plans-show-indicator = 指标
plans-show-target = 目标
plans-show-done = 完成
plans-show-rate = 完成率
plans-show-counted = 完成数按台账口径：当年已核实的帮扶记录（异议成立的不计），资金按结对的帮扶类型分产业投入和公益投入；结对村数为年底前已有审核通过结对的村。
plans-show-targets = 填写年度目标
plans-show-targets-hint = 金额以元为单位；不设目标的留空。保存后可以再改，提交审批后由市扶贫办批准或退回。
plans-show-save = 保存目标
plans-show-submit-first = 填写并保存至少一项年度目标后，可以提交市扶贫办审批。
plans-show-submit = 提交市扶贫办审批
plans-show-reason = 意见（退回时必填，县扶贫办会看到）
plans-show-approve = 批准
plans-show-return = 退回修改

# 一个村的建档立卡户
register-households-back-my = 返回我的工作台
register-households-back-register = 返回建档立卡台账
register-households-heading = 建档立卡户
register-households-privacy = 本页为个人信息，仅本村、主管扶贫办和审计员可见，不公开、不对外提供。只登记核对帮扶所需的信息（户编号、户主姓名、家庭人口、识别、脱贫和退出年度），不收集身份证号、电话、银行或健康信息；脱贫户仍在册、继续帮扶；退出登记（户销户、迁出）满 { $years } 年后户主姓名按期删除，户数和人口保留用于统计。
register-households-cadres = 党员干部结对帮扶：每户同一时间由一位干部结对（联系本村的帮扶单位或主管扶贫办的干部），干部登记走访和帮扶措施；结对记录同样不公开。
register-households-summary = 共 { $count } 户、{ $persons } 人，其中已脱贫 { $lifted } 户；仍在册 { $on } 户、{ $onpersons } 人（台账按在册的户统计，已退出的不计）。
register-households-code = 户编号
register-households-head = 户主
register-households-cadre = 结对干部
register-households-members = 家庭人口
register-households-registered-year = 识别年度
register-households-lifted-year = 脱贫年度
register-households-on-register = 在册
register-households-since = （{ $date } 起）
register-households-choose-cadre = 选择干部
register-households-cadre-option = { $name }（{ $unit }）
register-households-pair = 结对
register-households-no-cadres = 暂无可结对的干部
register-households-not-paired = 未结对
register-households-history = 结对记录
register-households-not-lifted = 未脱贫
register-households-left = { $year } 年退出
register-households-none = 还没有导入本村的建档立卡户。
register-households-none-office = 可在
register-households-none-link = 建档立卡台账
register-households-none-office-end = 页导入。
register-households-none-other = 由主管扶贫办导入。

# 建档立卡台账
register-index-heading = 建档立卡台账（村级）
register-index-lead = 各村每年的建档立卡户数和人口，由扶贫办从 Excel 导入。与当年已核实帮扶记录的带动人数对照；带动人数超过建档立卡人口的村会列入
register-index-lead-link = 监管线索
register-index-lead-end = 。本页只对扶贫办和审计员开放，不公开。
register-index-year = 年度
register-index-year-option = { $year } 年
register-index-view = 查看
register-index-import = 导入台账
register-index-import-hint = XLSX（第一个工作表）或 UTF-8 的 CSV。第一行为标题：区划代码、村名（可选，用来核对）、年度、建档立卡户数、建档立卡人口。整份文件检查无误才导入，有错时一条也不导入；同一村同一年再次导入会替换原数。
register-index-not-imported = 没有导入，请改正以下问题后重新上传：
register-index-file = 文件（必选）
register-index-import-submit = 导入
register-index-households = 导入建档立卡户（户级）
register-index-households-hint = 第一行为标题：区划代码、户编号、户主姓名、家庭人口、识别年度、脱贫年度（未脱贫的留空）、退出年度（户销户或迁出，仍在册的留空）。只收这些列，不要填身份证号、电话、银行或健康信息。户级名单仅本村、主管扶贫办和审计员可见；同村同户编号再次导入会更新该户。某村某年没有村级数字时，按户统计。
register-index-households-submit = 导入户级名单
register-index-year-heading = { $year } 年（已登记 { $n } 个村
register-index-over-sep = ，
register-index-over = { $n } 个村带动人数超过建档立卡人口
register-index-year-heading-end = ）
register-index-village = 村（区划代码）
register-index-households-col = 建档立卡户数
register-index-persons-col = 建档立卡人口
register-index-reached-col = 当年帮扶带动人数
register-index-by-household = （按户统计）
register-index-household-list = 户级名单
register-index-over-mark = 超过
register-index-none = 辖区内还没有已认证的村。
