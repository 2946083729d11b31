# The office's pages in English: workbench, coverage radar, cockpit, organisation review, ledger
# import, office teams, audit trail, inspection reports, supervision leads, objections, and help.

# Page titles (Chinese pages keep the title their handler gives)
title-help-index = Help
title-office-categories = Village categories
title-office-cockpit = Cockpit
title-office-confirm = Confirm
title-office-home = Workbench
title-office-import = Import a ledger
title-office-lexicon = Matching words
title-office-organisations = Organisation review
title-office-radar = Coverage radar
title-office-team = Office teams
title-audit-list = Audit trail
title-inspection-index = Inspection report
title-supervision-list = Supervision leads
title-notices-confirm = Handle an objection
title-notices-objections = Objections

## Help (help/index)
help-index-heading = Help
help-index-lead = qicun is the platform of the Hundred Firms Link Hundred Villages drive: firms post the help they can give, village committees post what their village needs, the platform suggests pairings, the office reviews and files them, and the results of the help go on public notice once the village committee has confirmed them and the office has verified them.
help-index-by-role = Help by role
help-index-enterprise = Firms
help-index-village = Village committees
help-index-office = Offices
help-index-public = The public
help-index-words = Common terms
help-index-e1-title = Register and wait to be verified.
help-index-e1 = {" "}After you register, the office of your firm's county (city, district) reviews it. If you are sent back, make the changes asked for on the “Our organisation” page and save: it is sent in again automatically.
help-index-e2-title = Post offers.
help-index-e2 = {" "}Under “My offers”, describe the jobs, the farm produce you will buy, the donation or the training, with the quantity, amount, regions served and how long it is valid. The more precise you are, the better the suggestions.
help-index-e3-title = Propose a pairing.
help-index-e3 = {" "}Look at the suggested villages at the bottom of your offer's page and press “Propose a pairing”; or press “We will help” on a village's need. Once the other side accepts, the office reviews the pairing.
help-index-e4-title = Draft the agreement.
help-index-e4 = {" "}Once the pairing is approved, press “Draft an agreement” on the pairing's page (it is filled in from both sides' details). After you submit it, the village committee countersigns it and the office files it; once filed, the agreement is in force.
help-index-e5-title = Report results.
help-index-e5 = {" "}Each time help has been delivered, press “Report results” on the agreement's page and upload photos, receipts or other evidence. If the village committee disputes a report, you can correct it or withdraw it; the office also decides.
help-index-v1-title = Register your village.
help-index-v1 = {" "}Pick your village from the lists of counties, townships and villages; the county office verifies it.
help-index-v2-title = Post needs.
help-index-v2 = {" "}Under “My needs”, say in plain words what the village needs: produce it cannot sell, how many people want work nearby, skills people want to learn, and so on.
help-index-v3-title = Answer pairings.
help-index-v3 = {" "}When a firm proposes a pairing, your workbench and “Messages” tell you. Open it and accept or decline (to decline, choose a reason).
help-index-v4-title = Countersign agreements.
help-index-v4 = {" "}When a firm has drafted an agreement, read the terms carefully. If you agree, countersign it; if not, write what should change and send it back.
help-index-v5-title = Confirm results.
help-index-v5 = {" "}The village checks the help a firm reports: if it is true, confirm it; if not, raise a dispute and give the reason.
help-index-o1-title = The workbench
help-index-o1 = {" "}lists everything waiting for you: organisations to verify, pairings to review, agreements to file, contributions to verify, objections and more. One tap takes you to where you deal with it.
help-index-o2-title = Organisation review
help-index-o2 = {" "}lets you verify an organisation, send it back or reject it; suspending one also needs a reason, and the organisation is told. If a rejection was a mistake, you can reopen it. The list can be filtered and sorted by name, credit code and type, and exported to Excel. On a village's card you can set its village categories (village out of poverty, key village for revitalisation and so on).
help-index-o3-title = Campaigns
help-index-o3 = {" "}work out pairings for a batch of villages and firms at once: you can lock pairs or leave them out and solve again, then issue the plan once you have confirmed it.
help-index-o4-title = Verify
help-index-o4 = {" "}a contribution by first looking at its evidence and risk warnings; for a record with a warning, write down what you checked. Records the village committee disputes are yours to decide.
help-index-o5-title = Plans
help-index-o5 = {" "}are filled in by the county (city, district) office with targets for each year of the plan period and sent to the city office for approval. Progress is counted automatically, the same way as the ledger, and can be exported to Excel.
help-index-o6-title = Responsibilities
help-index-o6 = {" "}record the counties and villages each city leader is linked to, the villages and groups each county-level leader is linked to, and the villages each designated-help unit looks after (the city office records city leaders). Each responsibility's page lists its villages' pairings, the help verified this year and the needs still open. When someone is replaced, first end the responsibility with a reason, then add a new one; the history is kept. A village's public page shows the name and post of the person now responsible, not their phone number.
help-index-o7-title = Assessment
help-index-o7-a = {" "}scores counties, firms and designated-help units automatically, following the public{" "}
help-index-o7-formula = assessment rules
help-index-o7-b = , from the verified ledger, approved plans and the villages' ratings. Every indicator opens to show the records behind it, and you can download it as Excel. On the assessment page of a county, firm or unit, the office can issue a public commendation, a reward, a public criticism, a warning talk or an order to put things right by a deadline (a reason is required; an order needs a deadline and is closed once done). The result goes into the public{" "}
help-index-o7-outcomes = assessment results
help-index-o7-c = {" "}and the party is told. Once a year the village committee rates the help on the agreement's page (how satisfied villagers are).
help-index-o8-title = Supervision leads
help-index-o8 = : every day the platform looks for agreements with no contribution for a long time, records without evidence, evidence the same as another project's, verified amounts above plan, confirmation that came too fast or from the reporter themselves, and similar cases, and lists them as leads. A lead is not a verdict: the office checks each one, chooses “No problem found”, “Put right” or “Referred on” and gives a reason. A lead once handled is not raised again, and auditors can see it.
help-index-o9-title = Stories
help-index-o9-a = : the office can publish stories of the help (a title, the text and photos if wanted), shown on the public{" "}
help-index-o9-b = {" "}page. Photos are re-encoded, so where they were taken is not published. A story published by mistake can be taken down with a reason. Every agreement also has a project file: the agreement, its milestones, all its contributions with their evidence, objections to its notices, supervision leads and the log of actions. You can print it, or download a zip file with all the evidence.
help-index-o10-title = Collective income
help-index-o10 = : each year the village committee reports the village's collective income under “Collective income”, and the office verifies it or sends it back with a reason. Once verified, a village with at least 100,000 yuan a year counts towards the plan's villages meeting the collective income target. Under “Poverty register” the office can also import each village's yearly numbers of registered households and people (not public), and under “Inspection reports” see each county's money, supervision leads, objections and corrections for the year.
help-index-o11-title = The coverage radar and the cockpit
help-index-o11 = {" "}show which villages have no pairing yet, what has stalled, and figures for each kind of help; every table can be exported to Excel.
help-index-public-text = The “Public notices” page lists approved pairings and verified results of help. If you find something untrue, open that notice while its notice period is running and raise an objection, leaving your contact details. Only the office and auditors see them, and the outcome is published on the notice's page.
help-index-match-term = Match score
help-index-match = A score from 0 to 100 that the platform works out from the kind of help, the distance, the scale, how hard-pressed the village is, how relevant the content is and so on. Higher means a better fit; it is only a guide.
help-index-after-term = After a pairing is proposed
help-index-after = The other side accepts → the office approves → the agreement is drafted → the village committee countersigns → the office files it → the help is delivered and results are reported. The other side is told at every step.
help-index-notice-term = Public notice
help-index-notice = Pairings and results of help are shown to the public for a set time so that anyone can check them; a record under objection is marked while it is checked.
help-index-register-term = Registered poor
help-index-register = Poor households and villages recorded in the national poverty alleviation information system (they are still monitored and helped after leaving poverty).

## Village categories (office/categories)
office-categories-heading = Village categories: { $name }
office-categories-registered-poor = registered poor village
office-categories-lead = The office sets a village's categories as designated by the higher authorities. They show on the public page, and campaigns can pick villages by category. Tick any number; untick them all to clear them.
office-categories-legend = Categories
office-categories-category = { $code ->
    [lifted] Village out of poverty
    [key_support] Key village for revitalisation
    [weak_collective] Village with a weak collective economy
    [relocation] Relocation site
   *[other] { $code }
}
office-categories-save = Save
office-categories-back = Back

## Cockpit (office/cockpit)
office-cockpit-heading = Cockpit · { $year }
office-cockpit-years = Year
office-cockpit-year-prev = ← { $year }
office-cockpit-year-next = { $year } →
office-cockpit-download-all = Download all tables (Excel)
office-cockpit-lead = Only contributions verified by the office count. Under each chart are the same figures, which you can download as Excel.
office-cockpit-coverage = Pairing coverage of villages by county
office-cockpit-region = Region
office-cockpit-villages = Verified villages
office-cockpit-partnered = With an approved pairing
office-cockpit-rate = Coverage
office-cockpit-no-villages = No verified villages in your area yet.
office-cockpit-download-table = Download this table (Excel)
office-cockpit-months = Verified help by month
office-cockpit-year-total = Total for the year:{" "}
office-cockpit-month-col = Month
office-cockpit-money = Money
office-cockpit-goods = Goods
office-cockpit-produce = Produce bought
office-cockpit-other = Other
office-cockpit-cumulative = Running total
office-cockpit-jobs = Jobs (people)
office-cockpit-trainees = Trained (people)
office-cockpit-month = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
    [12] Dec
   *[other] { $month }
}
office-cockpit-outcomes = What the help achieved (not only what went in)
office-cockpit-income = Village collective income (verified)
office-cockpit-income-figures = { $villages ->
    [one] 1 village
   *[other] { $villages } villages
}, { $total } in all; { $reached } of them reached 100,000 yuan
office-cockpit-assets = Project assets handed to village collectives
office-cockpit-assets-figures = { $n ->
    [one] 1 asset
   *[other] { $n } assets
} worth { $value }
office-cockpit-assets-idle = ; { $n ->
    [one] 1 operating asset
   *[other] { $n } operating assets
} earned nothing this year or last
office-cockpit-retention = Lasting jobs (follow-up after 6 months)
office-cockpit-retention-figures = { $placed ->
    [one] 1 person
   *[other] { $placed } people
} placed this year; of { $followed } with a verified follow-up, { $retained } still in the job
office-cockpit-retention-awaiting = ; follow-ups of { $n ->
    [one] 1 more person
   *[other] { $n } more people
} await verification
office-cockpit-lifted = Risk of falling into poverty cleared
office-cockpit-lifted-figures = { $households ->
    [one] 1 household
   *[other] { $households } households
}, { $people ->
    [one] 1 person
   *[other] { $people } people
} (the village visited them; the office confirmed the risk is gone)
office-cockpit-hint-income = Income is reported by villages and verified by the office (
office-cockpit-hint-assets = ); assets are under{" "}
office-cockpit-hint-ledgers = ; each programme's ledger under{" "}
office-cockpit-hint-monitoring = , and cleared risks under{" "}
office-cockpit-hint-end = .
office-cockpit-states = Where villages stand
office-cockpit-state = Stage
office-cockpit-state-villages = Villages
office-cockpit-top = Top ten firms by verified help
office-cockpit-firm = Firm
office-cockpit-verified-amount = Verified amount
office-cockpit-contributions = Contributions
office-cockpit-no-top = No verified contributions this year yet.

## Confirm a review step (office/confirm)
office-confirm-heading = Confirm: { $action }
office-confirm-lead-start = You are about to apply “{ $action }” to{" "}
office-confirm-lead = {" "}({ $kind }, status now: { $status }). The organisation is told, and the step goes into the audit trail.
office-confirm-details = Registration details
office-confirm-location = Location
office-confirm-uscc = Unified social credit code
office-confirm-industry = Industry
office-confirm-address = Address
office-confirm-contact = Contact
office-confirm-population = Population
office-confirm-poor-households = Registered poor households
office-confirm-poor-population = Registered poor people
office-confirm-first-secretary = First secretary
office-confirm-party-secretary = Village Party secretary
office-confirm-last-note = Last review note: { $note }
office-confirm-reason = Reason (they will see it)
office-confirm-submit = { $action }
office-confirm-back = Back

## Office workbench (office/home)
office-home-waiting = Waiting for me
office-home-nothing-waits = Nothing is waiting for you right now.
office-home-coverage = Pairing coverage in your area
office-home-villages = Verified villages
office-home-partnered = Villages with an approved pairing
office-home-unpartnered = Villages with no pairing yet
office-home-caption = Pairing coverage of villages by county (city, district)
office-home-county = County (city, district)
office-home-county-villages = Villages
office-home-county-partnered = Paired
office-home-rate = Coverage
office-home-radar = Open the coverage radar
office-home-cockpit = Cockpit
office-home-campaigns = Recent campaigns

## Import a ledger (office/import)
office-import-lead = Upload your area's ledger of organisations, offers and village needs (.xlsx, .csv or .json). Each record needs its own reference number (参考编号); records are added or updated by that number, so importing the same file again creates no duplicates. If any record in the file is wrong, nothing is imported.
office-import-template = Download the Excel template
office-import-template-hint = The template has three sheets, 机构 (organisations), 帮扶资源 (offers) and 需求 (needs), with Chinese column headings and notes on filling it in.
office-import-done = { $file } imported: { $summary }
office-import-failed = Nothing from { $file } was imported. Fix these problems and upload it again:
office-import-file = Ledger file
office-import-submit = Upload and import

## Organisation review (office/organisations; statuses, kinds and steps also on office/confirm)
office-organisations-by-status = Filter by status
office-organisations-tab = { $code ->
    [pending] Waiting
    [verified] Verified
    [returned] Sent back
    [suspended] Suspended
    [rejected] Rejected
   *[other] All
}
office-organisations-status = { $code ->
    [pending] Waiting for review
    [verified] Verified
    [suspended] Suspended
    [returned] Sent back
    [rejected] Rejected
   *[other] Unknown
}
office-organisations-kind = { $code ->
    [enterprise] Firm
    [village] Village committee
    [office] Office
   *[other] Organisation
}
office-organisations-action = { $code ->
    [verify] Verify
    [suspend] Suspend
    [return] Send back
    [reject] Reject
   *[reopen] Reopen
}
office-organisations-search = Name or credit code
office-organisations-kind-label = Type
office-organisations-all-kinds = All
office-organisations-sort = Sort
office-organisations-sort-choice = { $code ->
    [new] Newest first
    [old] Oldest first
    [name] By name
    [region] By region
   *[other] { $code }
}
office-organisations-export = Export to Excel
office-organisations-contact = Contact: { $name } { $phone }
office-organisations-registered = registered { $date }
office-organisations-review-note = Review note: { $note }
office-organisations-outside = Registered outside your area; listed because it has offers or pairings here. The office where it registered reviews it; reach it through a pairing.
office-organisations-categories = Village categories
office-organisations-none = No organisations match. Try another name, type or status; newly registered firms and village committees appear under “Waiting”.
office-organisations-ledger = Download the ledger
office-organisations-ledger-year = Ledger year
office-organisations-year = { $year }
office-organisations-format = Format
office-organisations-xlsx = Excel (XLSX)

## Coverage radar (office/radar)
office-radar-heading = Coverage radar
office-radar-wider = ← Whole area
office-radar-lead = Of { $villages ->
    [one] 1 verified village
   *[other] { $villages } verified villages
}, { $partnered } have an approved pairing and { $unpartnered } have none. Each item links to the page where it is dealt with.
office-radar-unpartnered = Villages with no pairing yet
office-radar-county = { $villages ->
    [one] : { $partnered } of 1 village paired ({ $percent }%)
   *[other] : { $partnered } of { $villages } villages paired ({ $percent }%)
}
office-radar-more-villages = { $n ->
    [one] 1 more village
   *[other] { $n } more villages
} not listed.
office-radar-all-paired = Every village has an approved pairing.
office-radar-no-villages = No verified villages in your area yet.
office-radar-section = { $heading } ({ $n })
office-radar-more-items = Only the oldest 50 are listed; { $n } more.
office-radar-none = None.
office-radar-unmet = Needs with no response 30 days after posting
office-radar-stuck = Pairings stalled for over 30 days
office-radar-no-agreement = Pairings approved 30 days ago with no agreement
office-radar-no-agreement-none = None. A pairing still without an agreement 30 days later lapses; both sides and the office are told.
office-radar-overdue = Overdue agreement milestones
office-radar-monitoring = Overdue relapse monitoring steps
office-radar-to-confirm = Contributions waiting for the village to confirm
office-radar-to-verify = Contributions waiting for the office to verify
office-radar-disputes = Contributions the village disputes
office-radar-objections = Objections to public notices waiting

## Office teams (office/team)
office-team-back-own = Back to our office's team
office-team-back-all = Back to all offices
office-team-heading = Office teams
office-team-posts = Posts
office-team-vacancies = {" "}({ $n } vacant)
office-team-staff = Reviewers in post
office-team-people = { $n ->
    [one] 1 person
   *[other] { $n } people
}
office-team-work = Open work
office-team-items = { $n ->
    [one] 1 item
   *[other] { $n } items
}
office-team-unassigned-days = , { $n } of them unassigned (oldest: { $days ->
    [one] 1 day
   *[other] { $days } days
})
office-team-unassigned-today = , { $n } of them unassigned (all from today)
office-team-posts-label = Number of posts (0–{ $max })
office-team-posts-save = Save posts
office-team-reviewers = Reviewers and the work each holds
office-team-name = Name
office-team-last-login = Last login
office-team-held = Work held
office-team-oldest = Longest wait
office-team-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
office-team-today = Today
office-team-unassigned = Unassigned
office-team-kinds-sep = ;{" "}
office-team-work-hint = . Any reviewer of this office may take unassigned work; when someone is on leave or away, their work can be given to someone else.
office-team-filter = { $filter } ({ $n ->
    [one] 1 item
   *[other] { $n } items
}) ·
office-team-see-all = See all
office-team-select = Select
office-team-item = Item
office-team-kind = Kind
office-team-age = Waiting
office-team-holder = Assigned to
office-team-select-item = Select: { $title }
office-team-assign-to = Give the ticked items to
office-team-choose = Choose…
office-team-to-office = Back to the office (nobody assigned)
office-team-assign = Assign
office-team-no-work = No open work.
office-team-offices-below = Teams and work of the offices below
office-team-offices-all = Teams and work of every office
office-team-office = Office
office-team-in-post = In post
office-team-vacant = Vacant
office-team-backlog = Open work
office-team-unassigned-col = Unassigned

## Audit trail (audit/list)
audit-list-page = Page { $page } of { $pages }
audit-list-action = Action
audit-list-all-actions = All actions
audit-list-entity = Record
audit-list-all-entities = All records
audit-list-export-from = Export from
audit-list-export-to = To
audit-list-format = Format
audit-list-xlsx = Excel (XLSX)
audit-list-export = Export archive
audit-list-id = No.
audit-list-at = Time
audit-list-actor = By
audit-list-changes = Changes
audit-list-field = Field
audit-list-before = Before
audit-list-after = After
audit-list-none = No records match.

## Inspection report (inspection/index)
inspection-index-heading = Inspection report: { $county }, { $year }
inspection-index-lead = Compiled automatically from the platform's records: verified contributions (leaving out those with an upheld objection), supervision leads and how they were handled, public notices and objections, and orders to put things right. Print it or download it as Excel.
inspection-index-county = County (city, district)
inspection-index-year-label = Year
inspection-index-year = { $year }
inspection-index-show = Show
inspection-index-xlsx = Download Excel
inspection-index-none = None this year.

## Supervision leads (supervision/list)
supervision-list-heading = Supervision leads
supervision-list-lead = Once a day the platform looks for signs of fake or empty projects: an agreement in force for over { $months ->
    [one] 1 month
   *[other] { $months } months
} with no contribution, a confirmed record with no evidence, evidence the same as another project's, a verified amount above the agreement's plan, confirmation too fast or by the reporter themselves, more people helped than the registered poor population, amounts reported by a firm mostly in round tens of thousands of yuan, an operating project asset with no income a year after handover. A lead is not a verdict: check each one, choose the outcome and give your reason; a lead once handled is not raised again.
supervision-list-state = Status
supervision-list-rule = Kind of lead
supervision-list-scan = Check now
supervision-list-found = Found { $date }
supervision-list-colon = :{" "}
supervision-list-comma = ,{" "}
supervision-list-outcome = Outcome
supervision-list-choose = Choose…
supervision-list-outcome-choice = { $code ->
    [cleared] No problem found
    [rectified] Put right
    [referred] Referred on
   *[other] { $code }
}
supervision-list-reason = What you checked and why
supervision-list-close = Close the lead
supervision-list-none-open = No open leads.
supervision-list-none-closed = No leads handled yet.

## Handle an objection (notices/confirm)
notices-confirm-act = { $code ->
    [uphold] Uphold the objection
   *[dismiss] Dismiss the objection
}
notices-confirm-heading = Confirm: { $action }
notices-confirm-notice = Public notice
notices-confirm-objection = Objection
notices-confirm-resolution = Outcome (published)
notices-confirm-submit = { $action }
notices-confirm-back = Back

## Objections (notices/objections)
notices-objections-heading = Objections to public notices
notices-objections-by-status = Filter by status
notices-objections-sort = Sort
notices-objections-sort-choice = { $code ->
    [new] Newest first
    [old] Oldest first
   *[other] { $code }
}
notices-objections-sort-submit = Sort
notices-objections-export = Export to Excel
notices-objections-status = { $code ->
    [open] Waiting
    [upheld] Upheld
    [dismissed] Dismissed
   *[other] {""}
}
notices-objections-filed = Raised { $date } · Contact: { $contact }
notices-objections-resolution = Outcome: { $text }
notices-objections-uphold = Uphold the objection
notices-objections-dismiss = Dismiss the objection
notices-objections-none-open = No objections waiting. When someone objects to a public notice, it appears here and the office is told.
notices-objections-none = No objections.
notices-objections-no-contacts = Exported tables leave out the objectors' contact details.

## Matching words (office/lexicon)
office-lexicon-heading = Matching words
office-lexicon-lead = The platform reads needs and offers with a lexicon of what people call things: everyday, dialect and brand names of products, and plain words for skills, certificates and services. The built-in lexicon has { $builtin } entries; add your area's own words here, such as the county's name for a product or a speciality the built-in lexicon lacks.
office-lexicon-in-use = Local entries in use
office-lexicon-from-file = The local entries in use were read at start from the file { $file }, which goes before what this page saves; words saved here take effect only when the service starts without that file.
office-lexicon-default-file = The local entries in use were read from the file { $file } in the data directory. Once words are saved on this page, the service uses them instead from its next start.
office-lexicon-refused = The local words saved on this page could not be loaded when the service started, so only the built-in lexicon is in use: the newer built-in lexicon already has some of their words. Correct the problems below and save; they take effect at the next start.
office-lexicon-pending = The local words saved on this page at { $at } differ from those in use: they take effect when the service restarts, and the search index is then rebuilt once with them.
office-lexicon-saved-not-used = The words saved on this page at { $at } are not in use: a file was named at start (above).
office-lexicon-saved-at = Saved on this page at { $at }, and in use.
office-lexicon-th-term = Standard name
office-lexicon-th-kind = Kind
office-lexicon-th-category = Category
office-lexicon-th-aliases = Other names
office-lexicon-th-builtin-term = Built-in entry
office-lexicon-th-local-names = Local names added
office-lexicon-download = Download as Excel (an empty template when nothing was saved)
office-lexicon-edit = Change the local words
office-lexicon-format = One entry a line, columns separated by tabs: standard name, kind, category, other names (separated by |), explanation. The first line is the header. A line whose standard name is already in the built-in lexicon only adds other names (local names) to it; any other line is a new entry. A word can belong to one entry only. Lines starting with # are notes.
office-lexicon-kinds = Kinds: product, channel (a sales channel), skill, certificate, service, infrastructure, job, phrase (a way of saying a need), goods — or their Chinese names. A category may have levels joined by >, from the general to the particular (a buyer of the upper level is then matched with the product too).
office-lexicon-checked = Checked:
office-lexicon-checked-file = { $file } checked:
office-lexicon-new-entry = new entry “{ $term }” ({ $kind }, { $category })
office-lexicon-also = , also called { $aliases }
office-lexicon-notes = Please note:
office-lexicon-new-names = names added to “{ $term }”: { $aliases }
office-lexicon-not-saved-yet = Not saved yet: press Save when it is right.
office-lexicon-problems = Not saved; please correct these problems:
office-lexicon-problems-file = { $file } was not saved; please correct these problems:
office-lexicon-stale = While you were editing, another staff member saved the local words, so your changes were not saved. The box below holds what is saved now; open “What you sent” to compare, and merge before saving again.
office-lexicon-stale-sent = What you sent
office-lexicon-text = Local entries
office-lexicon-text-hint = You can select the whole table in Excel (with its header), copy it and paste it here. Saving an empty box means no local entries are used.
office-lexicon-check = Check
office-lexicon-save = Save
office-lexicon-file = Or upload a file
office-lexicon-file-hint = An Excel workbook (.xlsx, its first sheet), or a tab-separated text file (.tsv, .txt; UTF-8 or Unicode). An upload is checked and put in the box above; nothing is saved until you save.
office-lexicon-upload = Upload and check
