# The Chinese the code writes onto pages, in English (keys and variables as in zh-CN/rust.ftl).

# src/accounts/mod.rs
rs-148f934a = { $field }: not valid
rs-8b5fd30f = Please enter the firm's name (2–100 characters)
rs-8f156fa7 = Please choose the industry
rs-8e4bfbbc = Please choose the county (city or district)
rs-5063487a = Please enter the firm's address
rs-04ddfc75 = Please enter the contact's name
rs-3290d9c9 = Please choose your village
rs-a809f2d8 = Main industries: up to 200 characters
rs-ba6e7891 = Please enter the first secretary's name
rs-a5891797 = Please enter the name of the village Party secretary
rs-d4fc8efd = { $label }: please enter a whole number from 0 to 1,000,000
rs-3968d251 = The two passwords do not match
rs-732f71a9 = Could not register: the login name, the unified social credit code or the chosen village has already been registered. Please try another login name; if your organisation is already registered, log in, or ask your county (city or district) office to recover the account.
rs-815902e1 = The chosen industry does not exist
rs-40192d85 = The chosen county (city or district) does not exist
rs-5d19de51 = Total population
rs-37e1ae74 = Registered poor households
rs-fa2f869f = Registered poor population
rs-3353eebd = The poor population cannot be larger than the total population
rs-fa9c02b3 = The chosen village is not in this county (city or district)
rs-81f8cd1c = residents' committee
rs-ad6b8da0 = Hundred Firms Link Hundred Villages pairs administrative villages; communities and residents' committees are not included. Please choose your village committee
rs-c609a137 = New registration to review: { $a1 } ({ $kind })
rs-1c48d078 = Please give the reason; they will see it
rs-32cd9c28 = Reason: up to 500 characters
rs-e29c57c3 = This village has been registered by another account (under review or verified), so this registration cannot be reopened; see that village's registration under "All"
rs-91704a61 = This organisation is "{ $a1 }" at present and cannot be changed to "{ $a2 }"
rs-77511606 = The office has verified your organisation: you can now post and propose pairings
rs-48e3f830 = The office has sent back your registration. Please change it as advised and submit it again: { $reason }
rs-e551786d = The office has refused to verify your organisation: { $reason }
rs-8ce3a0d9 = The office has reopened your registration; you will be told the outcome of the review: { $reason }
rs-b7ac1da2 = The office has suspended your organisation, and its details are hidden from the public for now: { $reason }
rs-920a4346 = Only village committees have a village category
rs-885e250c = { $label }: please fill this in (up to { $max } characters)
rs-4723c3d4 = Contact's name
rs-5c6531b8 = Firm's name
rs-5353979d = Firm's address
rs-3eeded56 = First secretary's name
rs-db20cc68 = Name of the village Party secretary
rs-6f9ec12f = Your organisation has just been verified, so its name and credit code can no longer be changed; to correct them, contact the office
rs-c544bf96 = This unified social credit code cannot be used; if it really is yours, contact the office
rs-368343db = { $a1 } has changed its registration as advised; please review it again
rs-884f6d98 = Registered households
rs-a3494a58 = Registered population
rs-be52ff23 = { $a1 } has changed its registered-household figures ({ $a2 }); please check them
rs-9026d2bc = The current password is wrong
rs-d053c7e8 = The new password cannot be the same as any of your last { $PASSWORD_HISTORY } passwords
rs-f7e1dec8 = Your password has just been changed. Please log in again with the new password.
rs-9ebb8123 = Please say what the token is for (up to 50 characters), e.g. "ledger sync"
rs-eade5f8e = The token must be valid for 7, 30, 90 or 365 days

# src/accounts/staff.rs
rs-8b0d18fa = The role must be one of: { $a1 }
rs-8e6c3fa4 = Please enter the name (up to 50 characters)
rs-dd95fc9c = Please choose an imported province, city or county as the jurisdiction
rs-c8c821b5 = Please choose a designated-help unit currently serving (recorded by the office under responsibilities)
rs-20b8ff9a = Please enter the 12-digit region code of a verified village (see the village's public page or the office's list of villages)
rs-7027d627 = This login name is already taken
rs-a6a22e4a = The account "{ $a1 }" is already { $a2 }
rs-40b1661d = There is no account with the login name "{ $login }"
rs-ad8e0095 = "{ $a1 }" has not set up two-step verification
rs-ca05bcd0 = Please choose an imported province, city or county as the review area
rs-aab58451 = Already a reviewer for "{ $a1 }"

# src/agreements.rs
rs-e9b9fd1b = Please enter a whole number from 0 to 1,000,000
rs-b438d922 = Please write the date like this: 2026-12-31
rs-b1a3ac43 = Agreement name: 4–100 characters
rs-8eb415c2 = Please describe, in at least 10 characters, what each side is responsible for and what help will be given
rs-8910ec0c = Fill in at least one plan (money, goods, produce purchases, jobs, or skills training/technical guidance)
rs-7df2c519 = The end date cannot be before the start date
rs-32ad9620 = { $a1 ->
    [one] Milestone 1 need both a name and a due date (2026-12-31)
   *[other] Milestone { $a1 } needs both a name and a due date (2026-12-31)
}
rs-6e42a46b = The due date of milestone { $a1 } must fall within the agreement's term ({ $s } to { $e })
rs-e2a47a76 = Agreements are drafted by the firm or the office; the village committee reads them on the agreement page
rs-0b12e118 = An agreement can be signed only once the pairing has been approved
rs-8c25c9a3 = This pairing already has an agreement
rs-0597f4e2 = Agreement "{ $a1 }" is waiting for the village committee to countersign: please read the terms, then countersign it or send it back for changes
rs-8055b7d4 = Countersign the agreement
rs-cc2f40f6 = Countersigned. Waiting for the office to file it; once filed, the agreement comes into force.
rs-db6602fa = Sent back. The firm will change it and submit it again.
rs-22223839 = Filed. The agreement is now in force, and the firm can report its contributions.
rs-446b3ac0 = The agreement is "{ $a1 }" at present, so this step is not possible: { $a2 }
rs-5e490da3 = The status is not recognised
rs-6b8cf239 = Please say what should be changed; the firm will see it
rs-02f82f28 = Comments: up to 1000 characters
rs-64d2f19f = { $a1 } has countersigned agreement "{ $a2 }"; it is waiting for the office to file it
rs-12062a6d = Agreement "{ $a1 }" was sent back for changes: { $comment }
rs-cc20a826 = Agreement "{ $a1 }" has been filed and is now in force
rs-d96fefcb = The agreement is "{ $now_label }" at present; only an agreement sent back for changes can be changed and submitted again
rs-dbdf0e0d = Agreement "{ $a1 }" has been changed as advised; please countersign it again
rs-d3527594 = The agreement is not in force yet, so it cannot be marked as completed; you can terminate it instead
rs-ac299e51 = The agreement has already ended
rs-17c0a270 = Please give the reason for ending it
rs-2e1ccd31 = Agreement #{ $a1 }: { $a2 }

# src/app.rs
rs-b1e5c4fc = The database { $a1 } cannot be written to: { $e }. { $why } Please check the permissions of the database file and its folder, the free disk space, and whether PostgreSQL is read-only.

# src/audit/anchor.rs
rs-9f38f54a = Audit key
rs-89f21689 = Line { $a1 } of the checkpoint file cannot be read: { $e }

# src/audit/archive.rs
rs-9576873e = Time (Beijing time)
rs-d078fffe = User ID
rs-40f2e96a = User
rs-f8cbbc26 = Record ID
rs-6a766be1 = Before
rs-6965212d = After
rs-1bbe26ea = (no entries)
rs-467f4a1b = entry { $id }, hash { $h }
rs-ee532f72 = Audit trail { $from } to { $to }; exported { $a1 }; last entry of the hash chain at that time: { $head }
rs-dfce61e9 = Audit trail

# src/audit/labels.rs
rs-59a90624 = Login failed
rs-304128e1 = Login refused (account disabled)
rs-b471b5a9 = Repeated failed logins; next try delayed
rs-14122ed0 = Passed two-step verification
rs-4f3542f2 = Two-step verification failed
rs-0fed26d7 = Logged in with a recovery code
rs-60423290 = Logged out
rs-76c4f5eb = Organisation registered
rs-6f7b9ac7 = Organisation details changed
rs-830976ba = Organisation verified
rs-a22cd812 = Organisation registration sent back for changes
rs-16fdef04 = Organisation refused verification
rs-c93303f8 = Organisation registration reopened
rs-94f2f5b7 = Village category set
rs-10f41bec = Plan created
rs-4ccec9ad = Plan targets filled in
rs-2ae9788a = Plan submitted for approval
rs-d641fd0f = Plan approved
rs-d2632956 = Plan sent back
rs-108a11db = Responsibility recorded
rs-963c05cd = Responsibility ended
rs-cd020c4d = Results of help rated
rs-508a7924 = Use of assessment result decided
rs-4ce21381 = Rectification closed
rs-6b7e401e = Assessment result revoked
rs-c90ef3c8 = Supervision check found leads
rs-99028109 = Supervision lead handled
rs-d2c90c43 = Story published
rs-b78284d5 = Story taken down
rs-b90e831e = Registered-household ledger imported
rs-3f9f45f3 = Registered households imported
rs-83bce38d = Village team member recorded
rs-eada230d = Village team member's departure recorded
rs-391c0a74 = Village cadre training recorded
rs-50582e12 = Training attendance recorded
rs-2de01999 = Heads of household's names deleted on schedule
rs-0226cbab = Monitored household recorded
rs-300aadf8 = Relapse monitoring step taken
rs-eadfc9a2 = Details of households no longer monitored deleted on schedule
rs-62381c62 = Holiday schedule saved
rs-cf5fcef0 = Cadre paired with registered household
rs-0ca818a2 = Cadre pairing ended
rs-d500b235 = Pairing visit or help measure recorded
rs-1a0e6471 = Office staffing recorded
rs-30130966 = Task assigned
rs-573c8243 = Village work log entry written
rs-541d70bf = Project asset recorded
rs-079ab963 = Project asset income recorded
rs-7e494473 = Programmes run set
rs-00df2e98 = County category set
rs-2e8282a0 = Programmes the agreement counts towards changed
rs-1f6147f6 = Purchase payment recorded and rated
rs-91ce77a4 = Follow-up after 6 months in the job filed
rs-80414c5f = Follow-up after 6 months in the job verified
rs-acbbe6c3 = Village collective income reported
rs-385cdd3f = Village collective income verified
rs-aacec901 = Village collective income sent back
rs-64497375 = Organisation suspended
rs-111d8cf0 = Organisation imported
rs-6ae4120b = Organisation updated by import
rs-a741a301 = Offer created (draft)
rs-cb5d84b3 = Offer created and published
rs-b21479a6 = Offer changed
rs-1b3dcb47 = Offer published
rs-c666a5de = Offer marked as completed
rs-3fcf4eea = Offer withdrawn
rs-bd5a6db2 = Village need created (draft)
rs-ed8fd680 = Village need created and published
rs-f9cb8281 = Village need changed
rs-60e11b1c = Village need published
rs-6a454339 = Village need marked as completed
rs-288b5c1d = Village need withdrawn
rs-d26db3fc = Offers and needs imported
rs-42c405df = Offers and needs updated by import
rs-8ef0c316 = Pairing proposed
rs-95331b8f = Pairing accepted
rs-da504a0b = Pairing declined
rs-ee93cc25 = Pairing withdrawn
rs-60c13606 = Pairing approved
rs-ea13e0dc = Pairing rejected
rs-c676d13c = Pairing lapsed
rs-f5870d58 = Agreement drafted
rs-c9068b94 = Agreement countersigned by the village committee
rs-307b8485 = Agreement sent back for changes
rs-86b8dd89 = Agreement changed and submitted again
rs-29cf7686 = Agreement filed by the office
rs-bb2c850d = Agreement completed
rs-304707af = Agreement terminated
rs-b4e194bb = Contribution reported
rs-b0f63bd0 = Contribution confirmed by the village committee
rs-386cb967 = Objection to a contribution raised by the village committee
rs-05ea56ee = Contribution verified by the office
rs-17897e92 = Contribution corrected by the firm
rs-f050eb75 = Contribution withdrawn by the firm
rs-ed7412a9 = Objection upheld by the office
rs-fbec5d67 = Objection rejected and contribution verified by the office
rs-08b47af2 = Objection to a public notice raised
rs-535657c6 = Objection to a public notice upheld
rs-9cd5ca93 = Objection to a public notice not upheld
rs-279cb0b6 = Objector's contact details encrypted
rs-7de275bc = Expired objector contact details deleted
rs-ded3da57 = Campaign created
rs-174c095c = Campaign solved
rs-e80b7256 = Proposed pairing locked
rs-7550fb59 = Proposed pairing excluded
rs-4ed9a9c2 = Proposed pairing restored
rs-38221153 = Campaign budget set
rs-0e916d33 = Campaign pairings issued
rs-f13dee34 = Account created
rs-9d92f55d = Account disabled
rs-0d95fd0d = Account enabled
rs-7187c129 = Initial password issued
rs-f64e47de = Password reset
rs-30350f33 = Password changed
rs-1d7a26d6 = Two-step verification turned on
rs-e5e19512 = Two-step verification reset
rs-bcf879ea = Jurisdiction changed
rs-25755b62 = Account unlocked
rs-3ac16908 = API token created
rs-ef44b6a4 = API token revoked
rs-665aca1d = Security settings changed
rs-6b017943 = Summary of refused access
rs-e57f169b = Mobile numbers encrypted
rs-4bec4bb3 = Demo data loaded
rs-84596688 = Offer
rs-0d431877 = Village need
rs-87a0ca0e = Agreement
rs-44488684 = Contribution
rs-507c9426 = Responsibility
rs-74fd6539 = Assessment result
rs-705bdd37 = Supervision lead
rs-29edfe94 = Story
rs-f1c84ffb = Registered-household ledger
rs-a1baa102 = Village team
rs-d0ce28ab = Village cadre training
rs-c7d2ff92 = Monitored household
rs-360ce201 = Cadre pairing with household
rs-b700be76 = Project asset
rs-4da3db68 = API token
rs-1d213dcc = Demo data
rs-c65e8b1f = Other action ({ $code })
rs-06ef654b = Match score
rs-4801ba8f = Planned money
rs-334c7147 = Planned goods
rs-0d99a8cf = Planned purchases
rs-b0958210 = Planned jobs (people)
rs-d2ceb72a = Planned training (people)
rs-12887e35 = Households helped
rs-4c212c01 = People helped
rs-664498be = Date of help
rs-92e4a250 = Start date
rs-7344fe1b = End date
rs-6aebd909 = Valid from
rs-61ebcade = Valid until
rs-985886eb = Region code
rs-4ed6a4a9 = Organisation ID
rs-1b892afa = Firm ID
rs-57d66c8f = Village ID
rs-01abcb6c = Offer ID
rs-5daf98f1 = Need ID
rs-cb467a07 = Pairing ID
rs-4eeb7480 = Agreement ID
rs-20d51a0f = ID of the correcting record
rs-72cf3011 = Grounds for objection
rs-9529565e = Outcome
rs-73c3816c = Review comments
rs-2a393d06 = Reason for declining or withdrawing
rs-95513f79 = Reason for ending
rs-e9ace054 = Agreement terms
rs-afb8ee1a = Changes asked for
rs-db656a22 = Jurisdiction
rs-df4fdcdd = Login name
rs-67aea952 = Disabled
rs-03719a9b = Contact
rs-bcd71fe9 = Main industries
rs-526c8213 = Registered poor village
rs-c24c89cc = Created
rs-b7f46c43 = Updated
rs-2e2d0cb3 = Published
rs-e2f1fd11 = Reported
rs-95a95610 = Confirmed
rs-7fad7bc5 = Verified
rs-00eafd54 = Countersigned
rs-a44199d9 = Filed
rs-f97210d7 = Ended
rs-c9b429ee = ID of the record corrected
rs-b2405892 = Unified social credit code
rs-54c5e658 = Industry code
rs-7803b435 = First secretary
rs-d709929c = Verified by (ID)
rs-3c906f37 = Confirmed by (ID)
rs-b48ee330 = Reported by (ID)
rs-87e4905e = Reference
rs-db02a069 = Approved
rs-45305293 = Accepted by the firm
rs-a39d3d9c = Accepted by the village committee
rs-36b6382b = Reviewed by (ID)
rs-5a77e27c = Reviewed
rs-128b7c31 = Risk warnings at the time
rs-25e07452 = Village category
rs-ddf66c4c = Plan period
rs-e98dce7f = Start year
rs-bc074d58 = End year
rs-c02d3ee7 = Yearly targets
rs-06d14338 = Post or kind of unit
rs-adc2843c = Villages linked
rs-217e39a6 = Rectification deadline
rs-1a917904 = Rectification progress
rs-9964c570 = Has a photo
rs-f5d8b82e = Term ends
rs-ef1ff12b = Training topic
rs-7d5084b0 = Trainer
rs-da5aed89 = Handled before
rs-7a0ec539 = Exit year no later than
rs-2d704358 = Number of budgets
rs-71cbd06b = Proven best
rs-5beab328 = Total match score
rs-59adc8a2 = Exclusions carried over
rs-e3061c32 = One firm, one village
rs-64fe1f28 = Maximum distance (km)
rs-7cbafc46 = Most firms paired with one village
rs-51f656ea = Office ID
rs-c4e2b415 = Scored as of
rs-49ebc0f2 = Found through
rs-e5de54a5 = On the register
rs-dd1e7982 = Date found
rs-07bf9517 = Stage
rs-10592a46 = Step
rs-f38c8b6e = Date handled
rs-81e87a9c = Kind of monitored household
rs-1ab61861 = Kind of measure
rs-a58a336c = Ended before
rs-662f3880 = Date of visit
rs-91778f40 = Authorised posts
rs-1be9e090 = Asset value
rs-b9b7c523 = Handover date
rs-e70ee68e = (empty)
rs-ed7d5405 = %-d %B %Y %H:%M
rs-2eb21f92 = %-d %B %Y

# src/auth/mod.rs
rs-a96b1a46 = The password must be at least 10 characters long
rs-167ac132 = The password cannot be longer than 128 characters
rs-9a09234e = The password cannot contain control characters
rs-a90e26c8 = The password must contain at least three of these: lower-case letters, upper-case letters, digits, symbols
rs-22740ef4 = The password cannot contain the login name
rs-546bb61e = This password is too common and easy to guess; please choose another
rs-a94eab54 = Please enter an 11-digit mobile number, e.g. 13907951234
rs-a3ef4df0 = Please do not put mobile numbers in public text: contact details are shown on the organisation's page as the rules require (with the middle four digits hidden)
rs-8d628bd6 = The login name must be 3–32 characters long
rs-bcb852b6 = The login name can contain only letters, digits, underscores, dots and hyphens

# src/auth/settings.rs
rs-7a522633 = Password validity must be 0–365 days (0 means passwords never expire)

# src/auth/totp.rs
rs-b325f448 = Two-step verification is already on
rs-c50a4477 = Please refresh the page and try again
rs-8626a0d6 = Please refresh the settings page and scan the code again
rs-cf64ee2c = Wrong code: enter the 6 digits your authenticator app shows now (the time on your phone must be correct)
rs-e8739346 = Two-step verification has just been turned on

# src/campaign/mod.rs
rs-96257024 = The budget must be between 0.01 yuan and 10 billion yuan
rs-b8a51943 = Please enter the campaign's name (up to 100 characters)
rs-b62a34c1 = Please choose at least one village
rs-8ed0b749 = Please choose at least one firm
rs-9b9243fa = The maximum distance must be between 1 and 5000 km
rs-e948288e = The number of villages each firm helps must be between 1 and 100
rs-fdae0ca3 = The number of firms paired with each village must be between 1 and 10
rs-d942408c = Cannot find "{ $key }"
rs-dd11ce64 = "{ $a1 }" is not a { $label }
rs-44383565 = "{ $a1 }" has not been verified by the office yet
rs-0ef786b8 = Not all the chosen villages are in your office's area
rs-f6ef242d = No office's area contains all these villages
rs-5fa4f649 = "{ $key }" is not a firm in this campaign, so you cannot set a budget for it
rs-813ceb35 = The "{ $a2 }" budget of "{ $a1 }" has been entered twice
rs-25269857 = Buyers wanted for { $industries }
rs-46632526 = The village's main industries: { $industries }
rs-322c1795 = The village's main industries × offer "{ $a1 }"
rs-0767b9d3 = Need "{ $a1 }" × offer "{ $a2 }"
rs-0f14ae1b = Too far away
rs-ebcd0376 = Firm has too few places
rs-ec3c239c = Products or kind of help do not fit
rs-4cb6651e = Firm's record of keeping agreements is poor
rs-2751c54a = Locked
rs-fa60ffd9 = Excluded
rs-5a3b4356 = Restored
rs-ce3dbff1 = Issued
rs-25c9b3a4 = Solved
rs-22990ed3 = Exclusion carried over from "{ $from }": { $a1 }
rs-b2a09965 = rejected by the office
rs-d7b75a92 = declined by one side
rs-819a8205 = An earlier campaign pairing of these two was { $what }: { $why }
rs-15beb359 = This campaign's pairings have been issued, so it cannot be solved again; to make changes, create a new campaign
rs-7caf5cf6 = { $far ->
    [one] { $a1 }; 1 pairing in this office's area were excluded or declined as "Too far away", so the match scores of firms from other counties are lowered by { $a2 }%
   *[other] { $a1 }; { $far } pairings in this office's area were excluded or declined as "Too far away", so the match scores of firms from other counties are lowered by { $a2 }%
}
rs-db44cd6f = The pairings locked for "{ $a1 }" need more money than its budget in this campaign. Unlock one of them or raise the budget, then solve again
rs-9ae31715 = A campaign with budgets can solve at most { $a1 } candidate pairings; this one has { $candidates }. Choose fewer villages or firms, or remove the budgets, then solve again
rs-839a0774 = The locked pairings go beyond the places allowed: with "{ $a1 }" and "{ $a2 }" locked, a firm would help more villages, or a village would have more firms, than this campaign allows. Unlock one of them, then solve again
rs-202b2027 = has only { $a1 } left in its budget for this kind of help, less than the { $a2 } this village needs
rs-7ce96275 = went to another village
rs-8c1c5ceb = "{ $a1 }" scored higher (match score { $a2 }%) but { $why }, so this firm was chosen for the best overall result
rs-806366bc = This village's highest-scoring firm
rs-76073e31 = { $a1 }; locked by the office
rs-520b4ded = Locked by the office (in this scoring the two sides have no need and offer that match)
rs-2988dcd6 = { $reason }; the amount needed is unknown, so it does not count towards this firm's "{ $label }" budget
rs-901757f5 = { $reason }; counts towards this firm's "{ $label }" budget: { $a1 } for this pairing, { $a2 } planned in all, out of a budget of { $a3 }
rs-3392ef67 = This village is not verified at present or has been suspended, so it takes no part in pairing
rs-344347fc = This village has posted no needs and has not given its main industries
rs-a1b3ce56 = All the matching firms are more than { $a1 } km away (this campaign's maximum distance)
rs-c411d999 = The best-matching firm, "{ $name }", has a "{ $a1 }" budget that { $a2 }, less than the { $a3 } this village needs; the places or budgets of the other matching firms have gone to other villages
rs-ee623dba = has only { $a1 } left
rs-b196e9c9 = is { $a1 }
rs-3851011a = The places of the best-matching firm, "{ $name }", have gone to other villages; the places or budgets of the other matching firms have also gone to other villages
rs-a300dad5 = This campaign has budgets, and within { $a1 } seconds the solver could not prove that this is the best plan: { $a2 }the total score is at most { $a3 } points below the best (each pair scores at most 1 point)
rs-af5ede82 = no more villages could be covered;{" "}
rs-7ce54a5b = more villages might be covered;{" "}
rs-d5ac5c2d = This campaign has budgets, and the solver found no plan within { $a1 } seconds: below, pairs are placed one by one from the highest match score down, within the places and budgets, without optimisation
rs-78e92218 = This campaign was changed while it was being solved (a lock, an exclusion, a budget or issued pairings); please refresh and solve again
rs-06b6a448 = The chosen firm is not in this campaign; set budgets in the list of firms on this page
rs-dca30ac2 = "{ $key }" is not a firm in this campaign
rs-f09813a6 = Pairings for "{ $a1 }" have been issued, so its budget can no longer be changed
rs-06440e71 = "{ $a1 }" has no "{ $a2 }" budget, so there is nothing to cancel
rs-e00b2ef6 = Please choose why it is excluded
rs-684af637 = Please give the reason for excluding it (at least 2 characters)
rs-8f2f39d5 = Reason: up to 200 characters
rs-a823ce93 = Cannot find "{ $a1 }"
rs-b53c5308 = "{ $a1 }" is not in this campaign
rs-058480ff = Pairings for "{ $a1 }" have been issued, so it can no longer be locked or excluded
rs-670f217c = This pair is neither locked nor excluded, so there is nothing to restore
rs-eb20bff7 = Restored by the office (previously excluded: { $a1 })
# src/campaign/optimise.rs
rs-20c4135f = No firm that serves this county with a matching kind of help (or all of them were excluded)
rs-b394eb5a = The matching firms' places went to villages that had no other choice
rs-0e37ccaf = The matching firms' places or their budget for this kind of help went to other villages (first the most villages covered, then the highest total score)
rs-496002b1 = The pairing (village { $village }, firm { $enterprise }) is not on this campaign's list
rs-b9a27834 = The locked pairing (village { $village }, firm { $enterprise }) takes the firm over the number of villages it can help, or the village over the number of firms it can pair with
rs-ab43bb76 = The locked pairings of firm { $enterprise } need more than its budget for this kind of help
rs-d93d04b5 = With budget limits at most { $MIP_CANDIDATES } candidate pairings can be solved; this time there are { $candidates }

# src/campaign/steer.rs
rs-c2177f89 = %-d %B %Y %H:%M
rs-3967a933 = The pairings of "{ $a1 }" have already been issued; there is no need to issue them again
rs-a38cfce7 = Solve first, and look at the suggested pairings before issuing them
rs-86d1464d = Pairings or budgets have changed since the last solve (locked, excluded, restored or budget set): solve again and look at the new suggestions before issuing them
rs-370f4286 = There are no pairings to issue: solve first, or lift some exclusions and solve again
rs-a3941f79 = { $why }. Exclude this pair, solve again, then issue

# src/cockpit.rs
rs-69253cb3 = Agreement completed
rs-2880caaa = Agreement in force
rs-307884ae = Pairing approved
rs-8c82eed3 = Pairing under way
rs-cf800f81 = No pairing yet
rs-d5e34e3b = Pairing coverage
rs-6da04226 = Verified villages
rs-4b8df29a = Villages with an approved pairing
rs-2de2ab45 = Coverage (%)
rs-55a34d54 = Help by month, { $a1 }
rs-42e01759 = Money (yuan)
rs-d8f481e9 = Goods (yuan)
rs-874c295a = Produce purchase (yuan)
rs-007f70ba = Other (yuan)
rs-85423505 = Total (yuan)
rs-382da3fa = Running total (yuan)
rs-fc370a33 = Month { $a1 }
rs-98e869b9 = Village progress
rs-7d4ab61a = Top ten firms
rs-8363a8db = Verified amount (yuan)
rs-388cfb77 = Contributions (records)

# src/contributions.rs
rs-4292d416 = Confirm as true
rs-c3479eb3 = Raise an objection
rs-9c975b6c = Withdraw the record
rs-a60a408e = Uphold the objection
rs-2ff067fa = Dismiss the objection and verify
rs-89410f6e = Reason for the objection (the firm and the office will see it)
rs-cacfc531 = Verification note
rs-9ca0ee9b = Reason for withdrawing (optional)
rs-74a342e8 = Reason for the ruling (both sides will see it)
rs-d6f7a4bb = Confirmed as true. Now waiting for the office to verify it.
rs-5f0c06cd = Objection sent: the firm can correct or withdraw the record, and the office will rule on it.
rs-c6ecc94c = Verified. The record goes on public notice and counts towards the results of the help.
rs-1eaa39ee = Record withdrawn. It does not count towards the results of the help.
rs-fc3b18a6 = Objection upheld: the record is not accepted and does not count towards the results of the help.
rs-0d19c58e = Objection dismissed: the record is verified, goes on public notice and counts towards the results of the help.
rs-94870ed8 = The contribution is now "{ $a1 }": "{ $a2 }" is not possible
rs-714a1bc6 = The agreement is not in force yet: help can be reported only after the village committee countersigns it and the office files it
rs-76ff3c32 = The agreement has ended; no more help can be reported under it
rs-446751ec = Please choose the kind of help
rs-52c5867f = The quantity must be a whole number, 0 or more
rs-2d70cad8 = Money, goods and produce purchases need an amount
rs-0971192f = Jobs found and skills training need a number of people
rs-38675757 = The agreement runs from { $a1 }; help given before then cannot be recorded under it
rs-0de2a00e = The date cannot be later than today: report help once it has been given
rs-1def99b2 = Please describe this help in 4–2000 characters
rs-4d517fbd = The unit can be at most 16 characters, e.g. kg, head, person
rs-539757bb = The market price must be more than 0 (leave it empty if you do not know it)
rs-9b3ada49 = Please say which product was bought (up to 40 characters), e.g. selenium-rich rice
rs-c29fa580 = A produce purchase needs a quantity, so it can be compared with the market price
rs-3d0bae59 = A produce purchase needs a unit, e.g. kg
rs-103a98c8 = The product name can be at most 40 characters
rs-80a76377 = Please upload at least one piece of evidence (a photo, receipt or list, as JPEG, PNG or PDF)
rs-00071e44 = "{ $a1 }" is larger than 8 MB
rs-8374e4af = "{ $a1 }" is not a JPEG, PNG or PDF file
rs-115c43b3 = The number of the record to correct is not valid: open it from "Correct" on the agreement page
rs-d3b37914 = The original record is now "{ $a1 }" and can no longer be corrected (only records awaiting confirmation or under objection can be)
rs-57038558 = Corrected by contribution #{ $a1 }
rs-40cf8ba0 = The firm has corrected a contribution: please confirm it again
rs-698adc7a = A contribution is awaiting confirmation
rs-b6ee3faf = Please give the reason for the objection
rs-e32270b7 = Please give the reason for the ruling; both sides will see it
rs-256a4c95 = A produce purchase can be verified only once the village committee confirms delivery and the buyer records payment and rates it: still missing: { $a1 }.
rs-a85960f9 = This record has a risk warning: please say what you checked (e.g. a phone call back, a site visit)
rs-7825dd74 = The village committee objects to the contribution "{ $what }": { $reason }. The firm can correct or withdraw it; the office will rule
rs-bb6bebe9 = The office has ruled on the objection to the contribution "{ $what }": { $a1 }. Reason: { $reason }
rs-a53a8296 = The village committee has confirmed the contribution "{ $what }"; it is awaiting the office's check
rs-604b0926 = Contribution "{ $what }": { $a1 }
rs-b489cdf2 = Plan fully met (verified by the office)

# src/crypto.rs
rs-d5475d21 = The { $what } file { $a1 } is not valid: { $e }
rs-791cbced = The { $what } file { $a1 } is too short
rs-16a8aec2 = Cannot create the { $what } file { $a1 }: { $e }
rs-a6e947d1 = data key
rs-f7e70367 = The data key file { $a1 } must hold 64 hexadecimal digits

# src/db.rs
rs-2273a3e0 = Cannot connect to database { $a1 }
rs-c4820b7a = The system is busy and this was not saved. Please try again shortly.
rs-ad68644d = The server's storage is full and this was not saved. Please try again later; the administrators have been alerted.
rs-3908a412 = The server's storage is read-only for now and this was not saved. Please try again later; the administrators have been alerted.
rs-532a9e4d = The server's storage is unavailable for now and this was not saved. Please try again later.
rs-6d47225b = Someone else has just changed this record, or it already exists, so this was not saved. Please refresh the page to see where it stands.
rs-a9b0db1b = Database migration failed

# src/error.rs
rs-e31f5067 = Not found
rs-f3b46e01 = You do not have permission
rs-2b46328f = Please log in first
rs-5d8134ca = The page has expired or its origin is unknown. Please refresh the page and submit again.
rs-3a64417b = Too many attempts. Please try again in{ $a1 }.
rs-147ca178 = Some entries are not valid
rs-71fc7e48 = {" "}{ $s } sec
rs-89184132 = {" "}{ $a1 } min
rs-2fac3c24 = {" "}{ $a1 } hr
rs-df13de61 = Internal server error. Please try again later.

# src/evidence.rs
rs-f468011b = The image cannot be read ({ $e })
rs-0c54b4cd = The image cannot be processed ({ $e })

# src/flags.rs
rs-12a0a57b = No evidence
rs-b9f60ea9 = The evidence is the same file as that of contribution #{ $a1 }
rs-29a0408c = The reporter and the confirmer are the same person
rs-f1828414 = Confirmed within a minute of the report
rs-a20cad12 = The agreement did not plan this kind of help
rs-518fa66b = The amount is more than twice what the agreement planned
rs-9010a404 = Most of this firm's amounts are round ten-thousands

# src/governance/assessment.rs
rs-0b228990 = 2026, version 2
rs-6d3c1a3c = Yearly plan targets met
rs-ade09a71 = Village pairing coverage
rs-f7d803bf = Villagers' satisfaction
rs-d21d7f92 = Contributions verified promptly
rs-1da2b42a = Training hours that the county's village cadres in post that year (village Party secretaries, first secretaries and village work team members, as recorded for each village's team) attended at county-level training that year: 16 hours or more per person scores 100, fewer scores in proportion; the average is taken. Not counted when the county has no village teams recorded.
rs-0bc3a569 = 2026, version 1
rs-750a9fed = The yearly targets of the county's plan approved by the city office: for each target, the amount achieved divided by the target (anything above counts as 100%), then the average is taken; amounts achieved are counted from verified contributions as in the ledger (records with an upheld objection do not count). Not counted when there are no approved targets for the year.
rs-e745252a = The share of the county's verified villages that have an approved pairing by the end of the year.
rs-cb889eb6 = The average of the ratings the county's villages gave their agreements that year (very dissatisfied 0 points, dissatisfied 25, neutral 50, satisfied 75, very satisfied 100). Not counted when there are no ratings that year.
rs-7adda128 = The share of the contributions verified that year that the office verified within 15 days of the report. Not counted when no records were verified that year.
rs-d0346603 = Help given
rs-ed01469e = The total amount of contributions verified that year (records with an upheld objection do not count), divided by the highest total among all firms assessed, times 100.
rs-3f848ff1 = Agreement milestones met on time
rs-8bbfa81a = The share of milestones in the firm's agreements due that year (up to the assessment date) that were met on or before the due date. Not counted when no milestones were due that year.
rs-e879b2eb = The average rating the villages helped gave the firm's agreements that year (scored as for counties). Not counted when there are no ratings that year.
rs-b31ad371 = Linked villages paired
rs-1893b135 = The share of the villages linked to the unit that have an approved pairing by the end of the year.
rs-65720b74 = Help received by linked villages
rs-10fc4174 = The total amount of verified help the linked villages received that year, divided by the highest total among all helping units assessed, times 100.
rs-874b6161 = Linked villages' needs answered
rs-73ecdf2f = The share of the needs posted by linked villages that year that already have an approved pairing. Not counted when no needs were posted that year.
rs-1c061033 = Agreement "{ $a1 }": { $a2 }
rs-74f56cdd = No ratings this year
rs-01aac9ed = Ratings: { $a1 }, average { $avg } points
rs-c18bbbb4 = { $a3 ->
    [one] { $a1 } "{ $a2 }": 1 hour, attended by { $a4 }
   *[other] { $a1 } "{ $a2 }": { $a3 } hours, attended by { $a4 }
}
rs-18888851 = No village teams recorded
rs-c9e5e91c = Village cadres: { $a1 }; { $reached } reached { $TRAINING_HOURS } hours; { $a2 } hours each on average
rs-07ad873f = Paired
rs-515b0729 = Not paired
rs-9310d5c6 = { $a1 ->
    [one] { $done } / 1 village
   *[other] { $done } / { $a1 } villages
}
rs-61485d29 = Contribution no. { $a1 }: { $a2 }
rs-6ee260fe = No approved targets for this year
rs-ab725866 = { $a1 }: target { $a2 }, achieved { $a3 } ({ $rate }%)
rs-99249adc = Plan "{ $a1 }": { $a2 } targets, { $avg }% achieved on average
rs-06f074f1 = No records verified this year
rs-4e6f24f1 = { $PROMPT_DAYS ->
    [one] { $on_time } / { $a1 } verified within 1 day
   *[other] { $on_time } / { $a1 } verified within { $PROMPT_DAYS } days
}
rs-dbe95a4a = { $a2 ->
    [one] Contribution no. { $a1 }: verified 1 day after the report
   *[other] Contribution no. { $a1 }: verified { $a2 } days after the report
}
rs-fc615da9 = { $a1 } (highest among firms assessed: { $a2 })
rs-a28109f9 = No milestones due this year
rs-b76a6e4b = { $done } / { $a1 } met on time
rs-baf779cc = Agreement "{ $a1 }", milestone "{ $a2 }" (due { $a3 }): { $a4 }
rs-1e7266dc = Met on time
rs-b87c3550 = Met late
rs-40d02c1e = Not met
rs-6f668ad7 = { $a1 } (highest among units assessed: { $a2 })
rs-62c1d9bd = No needs posted this year
rs-21bd1bca = { $a1 ->
    [one] { $answered } / 1 need answered
   *[other] { $answered } / { $a1 } needs answered
}
rs-c0b77a5f = Need "{ $title }": { $a1 }
rs-7db62a6f = Answered
rs-000b8e25 = Not answered
rs-9c1b97f5 = {" "}{ $a1 }. { $a2 }  { $a3 } points
rs-47b12ff6 = Not counted
rs-1413a770 = {" "}{ $a1 } (weight { $a2 }): { $a3 }  { $a4 }

# src/governance/assets.rs
rs-f8ecbdff = Please choose an agreement in your area that is in force or completed
rs-a209985a = Please enter the asset's name (2–100 characters)
rs-a1be6be2 = Please choose the kind of asset
rs-ba335da3 = The amount is too large: one asset cannot exceed 1 billion yuan
rs-4cc1c918 = The asset's value must be an amount in yuan above 0, such as 120000 or 120000.50
rs-91d75510 = Please enter the handover date
rs-034a6eab = The handover date must be between the start of the agreement ({ $a1 }) and today
rs-68349b52 = The form is incomplete
rs-2f65284b = The asset "{ $a2 }" (handed over { $a3 }) is already recorded for agreement "{ $a1 }"; it was not recorded again
rs-ae46d81d = "{ $a1 }" is not an operating asset ({ $a2 }), so no income is recorded for it
rs-8435c3d1 = The year must be between the year of handover, { $first }, and { $this_year }
rs-d5b4b6d9 = The amount is too large: income for one year cannot exceed 1 billion yuan
rs-7831e623 = Income must be an amount in yuan of 0 or more; enter 0 if there was no income that year

# src/governance/cadres.rs
rs-4d064bef = This household has left the poverty register and is no longer paired
rs-ef234fb0 = Please choose the cadre to pair
rs-8a66ba03 = This cadre is not on the list of the helping units linked to this village or of the office in charge
rs-7678e364 = This household is already paired with { $name } (since { $a1 }); end that pairing first, then change the cadre
rs-e456a5cf = { $MAX_HOUSEHOLDS ->
    [one] { $a1 } is already paired with 1 household; please choose another cadre
   *[other] { $a1 } is already paired with { $MAX_HOUSEHOLDS } households; please choose another cadre
}
rs-83fd73c2 = You have been paired with a registered household in { $a1 }
rs-36d08472 = Please give the reason for ending the pairing (2–200 characters, no phone or ID numbers)
rs-0c543741 = This pairing already ended on { $a1 } ({ $a2 })
rs-07bddc14 = Your pairing with a registered household in { $a1 } has ended: { $reason }
rs-6850a51d = This pairing ended on { $to }; no more visits can be recorded
rs-3f8daeaf = Please enter the date
rs-73c7a9d8 = The date must be between the pairing date, { $a1 }, and today
rs-069d161e = Please choose a visit or a help measure
rs-bbdff337 = Please choose the kind of measure
rs-364915bb = Please describe the visit or the measure (4–300 characters)
rs-feb7f0e3 = Please do not enter ID card, phone or bank card numbers
rs-a352ab33 = This record for { $on } is already entered; it was not entered again

# src/governance/households.rs
rs-5fd1d890 = Household number
rs-5ecda4c2 = Head of household
rs-1f59e753 = Household size
rs-bd62372d = Year registered
rs-be693400 = Year out of poverty
rs-ab7c6d2b = Year removed from the register
rs-69016357 = (deleted on schedule)
rs-92323184 = Row { $a1 }, "{ $col }"
rs-ade555cb = { $a1 }: no verified village with the area code { $code }
rs-26d0443f = { $a1 }: { $a2 } is outside your office's area
rs-fbedf057 = { $a1 }: please enter the household number (up to 32 characters)
rs-fb266440 = { $a1 }: this looks like an ID card or phone number; please enter the register's own household number
rs-2d902833 = { $a1 }: must be a name of 2–20 characters with no digits (do not enter ID card or phone numbers)
rs-1be01701 = { $a1 }: must be a whole number from 1 to { $MAX_MEMBERS }, not "{ $a2 }"
rs-7a53c08e = { $a1 }: must be a year from 2014 to { $this_year }
rs-65536790 = { $a1 }: must be a year from the year registered to { $this_year }; leave it empty if the household is not out of poverty
rs-03389df8 = { $a1 }: must be a year from the year registered to { $this_year }; leave it empty if the household is still on the register
rs-07f5f2ef = { $a1 }: { $x } is earlier than the year out of poverty, { $l }
rs-79d438af = { $a1 }: household number { $number } in { $a2 } repeats row { $first }
rs-9e783ba4 = Too many errors: only the first 50 are listed. Please correct them and import again
rs-2d96697b = (cannot be read)

# src/governance/income.rs
rs-39428a89 = Please choose a year from 2014 to { $this }
rs-3206ef26 = Please enter the amount in yuan, such as 125000 or 125,000.50
rs-debe81e1 = The collective income for { $year }, { $a1 }, has been verified by the office and can no longer be changed; if it is wrong, please contact the office
rs-04646aff = { $name } has reported collective income of { $a1 } for { $year }; please verify it
rs-1d9b9952 = Please give the reason for sending it back (2–200 characters); the village committee will see it
rs-5e4d4afa = The collective income of { $a1 } for { $year } is now "{ $a2 }"; only income awaiting a check can be verified or sent back
rs-d6c56042 = Collective income for { $year }, { $a1 }, verified
rs-68b292f8 = Collective income for { $year } sent back: { $reason }

# src/governance/inspection.rs
rs-16e150cd = 1. Verified help (by kind)
rs-72d10728 = People reached
rs-3101e4d4 = 2. Verified help (by source of the pairing)
rs-ad3ed0bb = Source of the pairing
rs-f39925a8 = 3. Supervision leads and how they were handled
rs-6b280c23 = Kind of lead
rs-4d2b25d1 = 4. Public notices and objections
rs-25bed159 = Objections received
rs-787fd24c = Notices begun in { $year }
rs-3ce23b80 = 5. Deadlines to put things right
rs-ad46d511 = Signed off on { $a1 }
rs-be244ee3 = Overdue, not signed off
rs-54645218 = Being put right

# src/governance/leaders.rs
rs-9cf147bf = Please choose the post: village Party secretary, first secretary or village work team member
rs-d360f356 = Please enter the name (2–20 characters, no digits; phone numbers are not recorded here)
rs-df914a81 = The sending unit can be at most 60 characters
rs-20274256 = Please enter the sending unit (e.g. Yichun Municipal Finance Bureau)
rs-03a582db = The post in the team can be at most 20 characters (e.g. team leader, member)
rs-f359b7e0 = Please enter the start date
rs-1b21c0bd = The start date must be between 2015-01-01 and { $latest }
rs-7b65da6e = The term must end after the start date and last no more than 6 years
rs-3f8b876a = { $a1 } already has { $a2 } in this post (since { $a3 }); first record below that they have left, then record the new one
rs-6a7f7d03 = { $name } is already recorded as { $a1 }; do not record them again
rs-be79473f = Please enter the date of leaving
rs-65d29868 = Please give the reason (2–200 characters, e.g. term ended, transferred)
rs-e7baccfb = { $a1 } already left on { $t } ({ $a2 }); leaving cannot be recorded again
rs-972bde05 = The date of leaving cannot be earlier than the start date, { $a1 }
rs-909a9641 = The date of leaving cannot be later than today

# src/governance/monitoring.rs
rs-949143e0 = Risk found
rs-f3abf030 = Home visit
rs-95755a56 = Review by villagers' representatives
rs-8751f9a2 = Notice in the village
rs-2f1f6fd4 = Township review
rs-7ed9d36e = County decision
rs-1b01128c = Help measures put in place
rs-a676817b = Risk removed, monitoring ended
rs-cab9a006 = Not taken into monitoring
rs-94df773a = Please fill in { $what } ({ $min }–300 characters)
rs-5b1dc6ac = Please enter the village's 12-digit area code
rs-abc3e4a7 = { $a1 } is outside your office's area
rs-82ecf23f = No verified village has this area code
rs-5f159760 = Please choose how the risk was found
rs-2eaab1f1 = Department data alerts are entered by the office; a village should choose "applied by the household" or "found in the village's checks"
rs-8bb13b07 = Please choose the kind of risk
rs-427788df = Please enter the date the risk was found
rs-00d3a8f0 = The date found must be within the past year and not later than today
rs-152e6fce = what was found
rs-a35de6b0 = Please enter the name of the head of household (2–20 characters, no digits)
rs-33282664 = This household left the poverty register years ago and its details were deleted on schedule; please enter it as a household not on the register
rs-7270c164 = Please choose this household from the village's poverty register
rs-ea88b90d = { $a1 ->
    [one] The village's poverty register has 1 household whose head is called "{ $head }"; the village should choose which one it is from the register
   *[other] The village's poverty register has { $a1 } households whose head is called "{ $head }"; the village should choose which one it is from the register
}
rs-a209862c = For a household not on the poverty register, the household size must be a whole number from 1 to { $MAX_MEMBERS }
rs-fdd9a619 = This household is already being monitored (monitored household no. { $a1 }, { $a2 }); please carry on in that case
rs-934e4f8d = The form does not say which step to take; please refresh the page and try again
rs-4b9bc147 = Monitored household no. { $a1 } is now "{ $a2 }": the risk can be declared removed only after help measures are in place and the household is being monitored and helped
rs-c7fba7f5 = Please enter the date it was done
rs-c9cd1d24 = The date done must be between { $last } and today
rs-ba05b44e = Please choose a conclusion
rs-b3812068 = the measures taken
rs-b0ad07d3 = what was done
rs-e33b9ce6 = Please choose the kind of monitored household
rs-f437ca67 = Please choose from the jobs, training or purchase offers listed
rs-7a5b2767 = Please tick to confirm that the risk has been removed
rs-b2adbb65 = The date of the decision must be between { $earliest } and today: the risk can be declared removed only after a period of monitoring once help measures are in place
rs-b939e739 = { $NOTICE_DAYS ->
    [one] The notice in the village runs for at least 1 day from { $from }; it can be reviewed from { $a1 }
   *[other] The notice in the village runs for at least { $NOTICE_DAYS } days from { $from }; it can be reviewed from { $a1 }
}
rs-809b80e4 = This measure for { $on } is already entered; it was not entered again
rs-45f8a779 = A new help measure has just been entered for monitored household no. { $a1 }; the risk can be declared removed only after a period of monitoring after it, so monitoring has not ended
rs-bdfab274 = This step has already been taken (on another page or by someone else): monitored household no. { $a1 } is now "{ $stage }" (updated { $a2 }). Please look at the latest records on this page before going on.
rs-6f156699 = Relapse monitoring overdue: monitored household no. { $a2 } in { $a1 } ("{ $a3 }") must be handled by { $a4 }

# src/governance/outcomes.rs
rs-7b0b7c07 = Assessment results for a county are decided by the city office or an office above it; a county office cannot decide on its own county
rs-0b60f386 = This helping unit was recorded by an office above you; its assessment results are decided by the office that recorded it or one above that
rs-94fc62e1 = Please choose an assessment year that has begun ({ $FIRST_YEAR }–{ $a1 })
rs-9d85d379 = Please choose how the result is used
rs-b05ef7ff = Please give the grounds and reasons (4–500 characters); they will be published with the result
rs-a30428b3 = "Put right by a deadline" needs a deadline
rs-ad0a6bd0 = The deadline must be after today
rs-d90b20cc = Only "put right by a deadline" needs a deadline; leave it empty for the others
rs-6f78ba92 = "{ $a2 }" has already been decided on { $a1 }'s { $year } assessment; the same result is not decided twice. To correct it, revoke the earlier result first
rs-6bee9af2 = "{ $a2 }" has already been decided on { $a1 }'s { $year } assessment, so "{ $a3 }" cannot be decided as well. To correct it, revoke the earlier result first
rs-1121a3e4 = { $year } assessment: { $a1 }, "{ $a2 }", deadline { $day }: { $reason }
rs-7faa8904 = { $year } assessment: { $a1 }, "{ $a2 }": { $reason }
rs-936f9f95 = Assessment result on public notice: { $a1 } ({ $year }): { $a2 }
rs-b81a56ba = { $a1 } has decided "{ $a3 }" for { $a2 }, to be put right by { $day }. Reason: { $reason }
rs-4f934e42 = { $a1 } has decided "{ $a3 }" for { $a2 }. Reason: { $reason }
rs-938d5108 = This result was already revoked on { $a1 } ({ $a2 }); it cannot be revoked again
rs-a7d2d808 = Please give the reason for revoking (4–500 characters); it will be published with the revocation
rs-29c12b8a = Objection upheld during the notice period: { $resolution }
rs-5522537d = "{ $a3 }" for { $a2 } in the { $a1 } assessment has been revoked: { $reason }
rs-bb3c57d3 = This result has been revoked; there is nothing to sign off
rs-0af1fd2b = Only "put right by a deadline" needs signing off
rs-8597551f = This was already signed off as put right on { $a1 } ({ $a2 }); it cannot be signed off again
rs-1f8bfb76 = Please describe what was done to put it right (4–500 characters)
rs-a36fc332 = Deadline to put things right from the { $a1 } assessment signed off: { $a2 }: { $note }

# src/governance/plans.rs
rs-5fddc679 = Plans are drawn up by the county office; the city office approves each county's plan
rs-f8668752 = Please enter the name of the plan period (2–20 characters, e.g. 15th Five-Year Plan)
rs-e6d709e9 = Please enter a year from 2000 to 2100
rs-3c87d501 = { $MAX_YEARS ->
    [one] The end year must be after the start year; a plan period is at most 1 year
   *[other] The end year must be after the start year; a plan period is at most { $MAX_YEARS } years
}
rs-852a0613 = The county already has a "{ $period }" plan; please open it from the list of plans
rs-9d7f0506 = Please enter 0 or a positive whole number
rs-95e1462f = The plan is now "{ $a1 }"; only the county office that drew it up can change it, while it is a draft or returned for changes
rs-8b17e772 = { $year }, { $a1 }: { $m }
rs-529edf68 = { $a1 }, { $a2 }: { $v }
rs-540f8f16 = Submit for approval
rs-9635e14e = Please give the reason for sending it back and what to change; the county office will see it
rs-5abb1e6f = The plan is now "{ $a1 }": "{ $a2 }" is not possible. The county office that drew it up submits it while it is a draft or returned for changes; the office above it (the city office) approves it or sends it back once it is submitted
rs-f40e767d = Please enter at least one yearly target and save it before submitting for approval
rs-3c2de76e = { $county } has submitted the "{ $a1 }" plan; please review it for approval
rs-07629661 = The "{ $a1 }" plan has been approved{ $a2 }
rs-7c8c6585 = The "{ $a1 }" plan has been returned for changes: { $reason }

# src/governance/publicity.rs
rs-127b6cfd = Please enter a title (4–60 characters)
rs-a5287243 = Please enter the text (20–3000 characters)
rs-b9410382 = A photo can be at most 8 MB
rs-b365919c = Only JPEG or PNG photos can be uploaded
rs-f7fc95d1 = The photo cannot be processed; please use another one
rs-8f929afb = This story was taken down on { $a1 } ({ $a2 })
rs-4aba833e = Please give the reason for taking it down (2–200 characters)
rs-8f557847 = { $persons ->
    [one] { $a1 }: 1 person
   *[other] { $a1 }: { $persons } people
}

# src/governance/register.rs
rs-4b296f97 = Registered poor households
rs-bf6af0e2 = The file is empty: the first row should hold the headings ({ $a1 })
rs-6539cc58 = Row 1 is missing columns: { $a1 }
rs-9b3a9b46 = Row 1 has columns this sheet does not take: { $a1 }. Only { $a2 } are taken; please delete the other columns (do not import ID card numbers, phone numbers, or bank or health details)
rs-c66a8ed4 = { $MAX_ROWS ->
    [one] At most 1 row can be imported at once; please import in batches
   *[other] At most { $MAX_ROWS } rows can be imported at once; please import in batches
}
rs-3c757293 = Not a valid XLSX file: { $e }
rs-bdfded59 = The XLSX file has no worksheet
rs-dc4ebbc9 = Worksheet { $name }: { $e }
rs-12a1956c = The file must be XLSX, or CSV in UTF-8
rs-9e2f606e = The file has no data rows
rs-e8cd6475 = { $a1 }: no village with the area code { $code } (register or import this village on the platform first)
rs-2f2f931d = { $a1 }: area code { $code } is "{ $a2 }", which does not match "{ $name }"
rs-087fc7db = { $a1 }: must be 0 or a positive whole number, not "{ $raw }"
rs-755cf54b = { $a1 }: population { $p } is less than the number of households, { $h }
rs-393988a6 = Row { $a1 }: { $a2 }, { $y } appears twice in the file

# src/governance/responsibility.rs
rs-e6fc3f81 = Please choose the kind of responsibility
rs-66d769f3 = City leaders linked to a county and villages are recorded by the city office; the county office records county-level leaders and designated helping units
rs-d37f002c = Please enter the helping unit's name (2–40 characters)
rs-8706c48f = Please enter the leader's name (2–40 characters)
rs-2dec5785 = The post or kind of unit can be at most 40 characters
rs-f62c4e82 = Please enter the kind of unit (e.g. city government body, state-owned firm)
rs-42662c6f = Please enter the post
rs-7028ab24 = Please choose a county in your area
rs-4c12257b = Please enter the start date
rs-b4938d9a = The start date must be between 2015-01-01 and { $latest }
rs-34e2696d = A responsibility lasts at most 10 years; please check the end date
rs-fbc17646 = Please tick the villages in the list (at most { $MAX_VILLAGES })
rs-86d7c802 = Please tick at least one linked village
rs-366a878e = Only verified villages in the chosen county can be ticked
rs-785d9958 = "{ $name }" is already recorded: { $a1 }{ $a2 } ({ $a3 }). Do not record it again; to change the linked villages or the person, end the current responsibility first, then add a new one
rs-98e08886 = , linked to { $a1 }
rs-a78f7713 = { $a1 } to { $t }
rs-3b49b33f = from { $a1 }
rs-a95789d8 = Please enter the end date
rs-47b8671b = Please give the reason (2–200 characters, e.g. change of post, help period over, recorded in error)
rs-f2734e91 = City leaders linked to a county and villages are recorded and ended by the city office
rs-571c9e1f = This responsibility already ended on { $ended } ({ $a1 }) and cannot be ended again; to arrange it anew, add a new one
rs-68aad691 = The end date cannot be earlier than the start date, { $a1 }

# src/governance/satisfaction.rs
rs-726b0e00 = Please choose how satisfied you are (from very dissatisfied to very satisfied)
rs-7b4c3ccf = Comments can be at most 200 characters
rs-08babbb9 = The agreement is now "{ $a1 }"; the results of the help can be rated only once it is filed and in force
rs-a3827f79 = The agreement ended on { $a1 }: satisfaction is rated by year, and only agreements still in force this year are rated
rs-84784bdc = Your village has already rated the help for { $year }: { $a1 }. Each agreement is rated once a year; you can rate it again next year
rs-7659e900 = The village committee has rated the help under agreement "{ $a1 }" for { $year }: { $a2 }

# src/governance/supervision.rs
rs-f41f0b4b = { $IDLE_MONTHS ->
    [one] Agreement "{ $a1 }" has been in force since { $a2 }, and no help has been reported for more than 1 month
   *[other] Agreement "{ $a1 }" has been in force since { $a2 }, and no help has been reported for more than { $IDLE_MONTHS } months
}
rs-30aa6bcc = Contribution no. { $a1 } ({ $a2 }, { $a3 }) has no evidence uploaded
rs-57e3eb71 = Confirmed
rs-024229d4 = The evidence of contribution no. { $a1 } is exactly the same file as that of contribution no. { $a2 } under another agreement
rs-de13b970 = Agreement "{ $a1 }" has { $a2 } verified, more than the { $a3 } planned
rs-0aac61aa = Contribution no. { $a1 } { $a2 }
rs-b4b5fa16 = was confirmed by the person who reported it
rs-6a2caa16 = was confirmed by the village committee within a minute of the report
rs-88238624 = { $n ->
    [one] Contributions to { $name } in { $year } reached 1 person, more than its { $persons } registered poor people
   *[other] Contributions to { $name } in { $year } reached { $n } people, more than its { $persons } registered poor people
}
rs-2bad65da = Of the { $a1 } amounts this firm reported, { $round } are round ten-thousands; they may be estimates rather than taken from receipts. Please check the receipts
rs-08e845b2 = Asset "{ $a1 }" ({ $a2 }, worth { $a3 }) was handed over to the village collective on { $a4 } and has had no income this year or last (none recorded, or recorded as zero); please check whether it is standing idle
rs-05049896 = [{ $a1 } helping { $a2 }, agreement "{ $a3 }"]
rs-d8bc9823 = { $r }: { $n }
rs-0a7c1a30 = Please choose the outcome
rs-6fb27f89 = Please describe what was checked and the reasons (4–500 characters)
rs-4d9e3b79 = This lead was already handled on { $a1 } as "{ $a2 }": { $a3 }

# src/governance/team.rs
rs-0e2e237f = { $a1 }, monitored household no. { $a2 } · { $a3 }
rs-51596191 = The number of posts must be a whole number from 0 to { $MAX_POSTS }
rs-0fed3f85 = Please tick the items to assign
rs-4387f13a = Please choose a reviewer in post at your office or an office below it
rs-6531d33a = { $a1 } (no. { $a2 }) is already closed or outside your office's area; please refresh the page and tick again
rs-ba24492f = { $a1 }'s office, { $a2 }, does not cover "{ $a3 }"; please choose a reviewer whose office covers it
rs-8bda2b95 = Our office (not assigned)
rs-a88618a5 = { $a1 } "{ $a2 }" (now handled by { $holder })
rs-19e0bfa5 = Since you opened this page, someone else has reassigned the items below, so nothing was changed: { $a1 }. Please look at the latest assignments and try again.
rs-7734868b = { $a2 ->
    [one] { $a1 } has assigned you 1 item to handle
   *[other] { $a1 } has assigned you { $a2 } items to handle
}
# src/governance/training.rs
rs-87283c13 = Please enter { $what } ({ $min }–{ $max } characters)
rs-ee3b2e41 = the trainer or organising body
rs-d69a2e54 = the training venue
rs-5c32d390 = The start date must be between 2015-01-01 and one year from now
rs-35b4d9dd = The end date must not be before the start date, and one training session can last at most 30 days
rs-dfe41f32 = Hours must be a whole number from 1 to { $MAX_HOURS }
rs-136e9b46 = The training starts on { $a1 }; attendance can be recorded only once it has started
rs-21342155 = The attendance list was updated by someone else on { $a1 }; check the latest list before saving
rs-1238fc94 = Only members of the leadership teams of verified villages in this county can be registered

# src/governance/workdays.rs
rs-8eeed755 = { $MAX_LINES ->
    [one] At most 1 line
   *[other] At most { $MAX_LINES } lines
}
rs-509c30a0 = Line { $a1 }: write "date off" (day off) or "date work" (working day), e.g. 2026-10-01 off
rs-1325a3e2 = Line { $a1 }: "{ $day }" is not a valid date (write it like 2026-10-01)
rs-b1d6869d = Line { $a1 }: the year of { $day } must be between 2000 and 2100
rs-0a5c1836 = Line { $a1 }: "{ $kind }" must be "off" (holiday) or "work" (weekend made a working day)
rs-ed087cfa = Line { $a1 }: { $day } was already given on line { $first }
rs-3e856ab0 = Line { $a1 }: { $day } is a weekday, so "work" is not needed
rs-04af2fb5 = Line { $a1 }: { $day } is a weekend day and already a day off, so "off" is not needed

# src/health.rs
rs-d580eaf0 = The database write lock has been held for a long time (by an import, for example); writes are queued: { $e }
rs-5e8221a0 = The database does not accept writes: { $a1 } ({ $e })
rs-539db0db = The database does not accept writes: { $e }
rs-2126e65e = Cannot read the change log: { $e }
rs-fcf932ef = Writing to the search index failed; it is { $behind } changes behind: { $e }
rs-f60c7e23 = The search index is being rebuilt
rs-488361c2 = The last shutdown was not clean: the search index is being checked entry by entry
rs-61c647fd = The search index is { $behind } changes behind and catching up
rs-da5306bb = This node is shutting down

# src/import.rs
rs-a41fe431 = Line { $line }: { $message }
rs-1d29061c = Wrong file format: { $a1 }
rs-db4eada7 = Cannot read the file: { $a1 }
rs-a9cf7210 = Database error: { $a1 }
rs-1b076ba9 = { $a1 ->
    [one] 1 record: { $a2 } new, { $a3 } updated, { $a4 } unchanged
   *[other] { $a1 } records: { $a2 } new, { $a3 } updated, { $a4 } unchanged
}
rs-f872c114 = Cannot read the header row: { $e }
rs-63b803b5 = Expected { $expected_len } columns, found { $len }
rs-e8aa563f = Not UTF-8 encoded (in Excel, save it as "CSV UTF-8")
rs-2c1a88bb = Missing columns: { $a1 }
rs-5cfc8d0b = { $what } "{ $raw }" is not a 6- or 12-digit region code
rs-c8c68654 = { $col } must not be empty
rs-5d3075bb = Code { $code } does not belong under { $city } / { $province }
rs-cc2dd957 = name must not be empty
rs-e04938b5 = name is longer than 100 characters
rs-30b14a9a = level "{ $raw }" must be 1–5
rs-444ff7cf = level { $level } does not match the level { $implied } of code { $code }
rs-055a1475 = parent_code { $p } is not the parent of { $code }
rs-a0f04668 = Code { $a1 } appears more than once with different content ("{ $a2 }" and "{ $a3 }")
rs-297c507b = code "{ $code }" is not a GB/T 4754 section letter or a 2–4 digit code
rs-abc3fd02 = level { $raw } does not match code { $code }
rs-499c4747 = level "{ $a1 }" must be 1–4
rs-a380740b = { $code } has no parent
rs-965c9657 = parent { $p } is not the parent of { $code }
rs-39c1e518 = parent { $p } is not in the file

# src/ledger.rs
rs-28f3728d = Record type
rs-14f150f3 = Contact phone
rs-cd2f9f4b = First secretary's phone
rs-b461aee5 = Village Party secretary's phone
rs-a67db159 = Firm reference number
rs-bc594ccc = Village reference number
rs-6cc10c68 = Amount (yuan)
rs-d8348870 = Service areas
rs-b3c7d90f = Urgency
rs-a828e851 = Amount in yuan
rs-465c2e1e = { $place }Unrecognised column headings: { $a1 }. Use the column names from the template (such as ref, kind, name, region_code); you can download the template on the import page
rs-1cd9b2cd = Invalid JSON: { $e }
rs-6817fba6 = Unknown key "{ $key }": it must be organisations, offers or needs
rs-610089d7 = "{ $key }" must be an array
rs-d6409a4b = { $key } item { $a1 }
rs-0967e2fd = { $a1 } must be an object
rs-c533a9f6 = The CSV needs a "record" column (the record type: organisation, offer or need)
rs-be84ef0d = Line { $a1 }: { $e }
rs-f4853dcb = Line { $line }
rs-355f2022 = { $a1 } record type: must be organisation, offer or need
rs-66fd7d57 = Sheet { $name }:{" "}
rs-7115ee43 = Sheet { $name } row { $a1 }
rs-3583198c = The XLSX file has no sheet named organisations, offers or needs
rs-25d72e50 = "{ $v }" must be a whole number, 0 or more
rs-30f898f9 = Every record needs a reference number (at most 64 characters)
rs-3c94a1f3 = "{ $v }" must be enterprise (firm) or village (village committee)
rs-efb09d72 = Enter a name (at most 100 characters)
rs-4d448c70 = "{ $region_code }" is not an imported region code (import the official region file first)
rs-974fd0b9 = A village committee's region code must be at village level (12 digits)
rs-9a2941a9 = A firm's region code must be at city or county level
rs-574bddc9 = A firm needs its unified social credit code
rs-52670fc0 = "{ $code }" is not an imported GB/T 4754 industry code
rs-38d034fd = "{ $v }" must be yes or no
rs-92cfc2b8 = "{ $word }" is not a village category (village out of poverty, key village for revitalisation, village with a weak collective economy, relocation site)
rs-951be76a = Enter the reference number of the organisation it belongs to
rs-05b5d406 = "{ $v }" must be draft, published, closed or withdrawn
rs-9ea92bb3 = { $a1 } reference number: "{ $r }" is a duplicate (see { $first })
rs-e163adda = { $a1 } region_code: "{ $a2 }" is outside this office's area
rs-39b7436a = { $a1 } reference number: "{ $a2 }" already belongs to an organisation of type "{ $a3 }" and cannot be changed to "{ $a4 }"
rs-c6aa5f34 = Other organisation
rs-2ac63e75 = { $a1 } reference number: "{ $a2 }" is used by an organisation outside this office's area and cannot be changed through this ledger; use another reference number
rs-742bdbd3 = { $a1 } { $field }: no organisation has the reference number "{ $a2 }" (in the file or already imported)
rs-98ad1acc = { $a1 } { $field }: "{ $a2 }" is not an organisation of type "{ $a3 }"
rs-70195f60 = { $a1 } { $field }: "{ $a2 }" is outside this office's area
rs-f7911481 = { $a1 } reference number: "{ $a2 }" already belongs to another organisation ({ $a3 }) and cannot be changed through this ledger; use another reference number
rs-0bbd7e5b = Organisation "{ $a1 }" not found
rs-63866be3 = Instructions
rs-800a129a = Each record's own number in your office's ledger; importing again updates the record by this number instead of adding it twice
rs-304dba17 = Organisations: enterprise or village; offers and needs: employment, procurement, industry, donation, training, technical or infrastructure
rs-f4f92ad9 = 12-digit statistical region code; a village committee enters its own village's code
rs-65d689bf = Firm reference number / Village reference number
rs-f2f3ad92 = Reference number of the organisation the offer or need belongs to (in the same file or imported before)
rs-d4af17fd = Region codes; separate several with ; or ,
rs-44d54dc6 = In yuan, with at most two decimal places
rs-a55db843 = Valid from / Valid until
rs-4fe46661 = A date, e.g. 2026-12-31
rs-cb66426d = Yes or no
rs-74786566 = Optional (published if left empty)
rs-9f141d93 = How to fill in

# src/listings/mod.rs
rs-7c38f776 = Choose a kind of help
rs-f60d9e6e = Enter a title
rs-65349a60 = The title needs at least 4 characters
rs-d78f195e = The title can be at most 60 characters
rs-a0e559fe = Describe what it is in at least 10 characters
rs-b73f5ac0 = The description can be at most 2,000 characters
rs-592b5523 = The amount cannot be more than 1 billion yuan
rs-dc7ea92d = The quantity must be more than 0; leave it empty if unsure
rs-02244e1b = Write digits only in the quantity and the unit in the next field (e.g. quantity 1500, unit 公斤)
rs-809e08af = The quantity must be a whole number from 1 to 1 billion
rs-6631a709 = Money goes in the amount field; the unit here is 公斤, 人, 亩 or the like
rs-f39fb5ee = This listing is still a draft: publish it first, then propose from its recommendations
rs-c6da9a31 = This listing has been withdrawn or has ended: no more pairings can be proposed from it
rs-5e4c8ff5 = This listing is still a draft: publish it first, then propose from its recommendations.
rs-8dba3060 = This listing has been withdrawn or has ended: no more pairings can be proposed from it.
rs-e1be1059 = These two listings already have pairing #{ $pid } ({ $label }): no need to propose it again.
rs-bb9e2d21 = Write the quantity as a whole number; for a fraction use a smaller unit, e.g. 1.5 t as 1500 kg
rs-477d461f = { $a1 } is counted in people: write the unit as 人 or 名, not “{ $u }”
rs-de01ca92 = Produce is counted by its amount: write the unit as 公斤, 吨, 箱 or the like, not “{ $u }”
rs-88878e26 = The unit can be at most 8 characters, e.g. kg, people, mu
rs-d55f3b73 = You entered a quantity; enter its unit as well
rs-1ad40e87 = The end date cannot be before the start date
rs-b3ee9152 = It can be valid for at most 3 years
rs-6ab4b907 = Urgency must be 1 (normal), 2 (fairly urgent) or 3 (urgent)
rs-97b59cea = Choose at least one service area (a county, city or district, or the whole city)
rs-d79a5b29 = Service area "{ $code }" is not an imported province, city or county
rs-1682220b = This { $a2 } is "{ $a1 }" and can no longer be changed
rs-d991ccab = Mark as done
rs-ee34bf0a = You can publish once the office has verified your organisation
rs-038181ab = It is no longer valid; change the end date first
rs-cad38113 = "{ $a2 }" is not possible while the status is "{ $a1 }"

# src/matching/eval.rs
rs-ebb57854 = The evaluation set has no split (tune / test), so the weights cannot be learnt
rs-c283f732 = The evaluation set is not in the right format: { $e }
rs-2007db5a = Give the evaluation date with --as-of, or write as_of in the evaluation set
rs-0862eb52 = The evaluation set has no need { $nref }

# src/matching/mod.rs
rs-3d5eb3b0 = The need also asks for { $a1 }
rs-52985013 = Meets the workers' wish: "{ $a1 }"
rs-c4bafb85 = Partly meets the workers' wish: "{ $a1 }"
rs-7534dc45 = The place of work does not meet the workers' wish: "{ $a1 }"
rs-b062d854 = The jobs or skills wanted are not what the village described
rs-d4895a57 = Hires only people aged { $max } or under; the village has older workers
rs-d4dfde45 = Buys the whole product category
rs-0e84e654 = Buys different products
rs-7fce5a9a = You can propose a pairing once the office has verified your organisation
rs-76bb9721 = This item is not among the suggestions (wrong kind, wrong area or no longer valid), so no pairing can be proposed
rs-061ad177 = This item has just been withdrawn or has ended, so no pairing can be proposed
rs-8400ed9c = These two items are already paired; a pairing cannot be proposed twice

# src/matching/place.rs
rs-b1496910 = Yangtze River Delta
rs-61b44201 = Pearl River Delta
rs-3fe076c3 = take home
rs-a6e4a75d = piecework sent out
rs-543d4ef6 = on the doorstep
rs-973c5d59 = site in the village
rs-0dae7b68 = place of work
rs-4e981838 = factory is in
rs-e6f11b73 = located in
rs-4cd00dcf = work is in
rs-12300991 = near home
rs-cd847e13 = don't want to go far
rs-67746c24 = not too far away
rs-e38d1093 = not going far
rs-f40aa418 = don't want to work away from home
rs-d7368d4c = close to home
rs-ff704417 = work in the village
rs-79bf8efb = no long journeys
rs-46a6f968 = within the province
rs-4c915ce8 = don't want to leave the province
rs-d543fb20 = not outside Jiangxi
rs-a4fe1809 = not to another province
rs-704a1b89 = don't want to go to another province
rs-b2935065 = happy to go anywhere
rs-e7d47477 = anywhere is fine
rs-86865af7 = can go anywhere
rs-157c507f = any location
rs-727cd659 = anywhere will do
rs-8c33a5ef = work away from home
rs-ff6cb2d4 = work near home
rs-62e28de7 = work in this county
rs-8ceb6c96 = work in this city
rs-588c93d9 = work within the province
rs-9107a47a = work on the coast or in another province
rs-f08f1e76 = 0123456789
rs-8c042a8d = any age
rs-d4fcdf2c = years of age and under
rs-fc30e2e3 = years of age or younger
rs-f9213318 = years and under
rs-63eb1f2f = years or younger
rs-ec728464 = years of age or below
rs-21d0b847 = punctuation and particles after a number

# src/matching/score.rs
rs-4d0befe4 = Content matches
rs-45fcae69 = Content partly matches
rs-f00a23d3 = Nothing in common found in the content
rs-4cf2fc9b = Same kind of help
rs-81aed7f6 = Similar kind of help
rs-20441075 = Same county (city, district)
rs-2c6aa7a2 = Serves this county
rs-e9975dc7 = Serves this city
rs-622e7e14 = Scale fits
rs-724ddc18 = Priority for poor villages
rs-a2e1b364 = Urgent need
rs-bfe0f856 = Recently published
rs-d294cc68 = Firm keeps its commitments

# src/money.rs
rs-9340bd45 = Enter an amount
rs-f6d9ab33 = The amount must be a number, e.g. 12500 or 12500.50
rs-74b34481 = The amount can have at most two decimal places
rs-f9abb1c6 = The amount is too large
rs-6ef77ddd = The amount must be a number

# src/notices.rs
rs-4ebb7233 = { $persons ->
    [one] 1 person
   *[other] { $persons } people
}
rs-de8db269 = Public notice of results: { $enterprise } → { $village } ({ $kind }: { $amount }, { $a1 })
rs-58341f2c = { $kind } from { $enterprise } to { $village }: { $amount }. { $description } (confirmed by the village committee and verified by the office)
rs-8e76b0aa = Public notice of pairing: { $enterprise } ↔ { $village }
rs-322e3757 = { $enterprise } and { $village } are paired; the office has reviewed and approved the pairing. { $reason }
rs-b0c07629 = The notice period has ended or is paused, so objections can no longer be raised
rs-7cb797a4 = Describe your objection (5–2,000 characters)
rs-5fe397d2 = Leave your name (only the office can see it)
rs-2bcb6e8a = Your objection to this notice has been received and is being checked; please wait for the office's reply.
rs-aa07a749 = { $OPEN_PER_CONTACT ->
    [one] You already have 1 objection being checked; please wait for the office's reply before raising a new one.
   *[other] You already have { $OPEN_PER_CONTACT } objections being checked; please wait for the office's reply before raising a new one.
}
rs-e2088535 = Objection to a public notice: { $a1 }
rs-9ec07a20 = This objection has already been dealt with
rs-583c76b3 = Describe how it was resolved (this will be shown on the notice page)

# src/pairings.rs
rs-7913710c = Approve
rs-26335c4f = The pairing is now "{ $a1 }", so the { $who } cannot "{ $a2 }"
rs-4252831d = Give a reason; the other side will see it
rs-4abcb2f3 = You can accept pairings once the office has verified your organisation
rs-7ac0cd31 = The pairing's status is not recognised
rs-8abd7fa6 = Someone else has just acted on this pairing; refresh the page to see its current status
rs-241cfca0 = Pairing #{ $id }: { $a1 } ({ $a2 })
rs-1760b22d = New pairing suggestion #{ $a1 }: { $a2 }
rs-0ecf2f97 = "{ $a1 }" is not verified or has been suspended, so you cannot pair with it
rs-3e493e84 = The same pairing already exists; it cannot be proposed twice
rs-1465871c = You can link only your own published items that are still valid
rs-5ff598d0 = "{ $a1 }" cannot help with "{ $a2 }": the kinds of help do not match

# src/programmes/ledgers.rs
rs-96652788 = Revitalisation project
rs-ea0814e9 = Investment (yuan)
rs-579868ec = Jobs created (people)
rs-ce476302 = Added village collective income (yuan)
rs-9b0235f0 = Ten Thousand Firms Revitalise Ten Thousand Villages: project ledger for { $year }
rs-7c1730d4 = Purchase date
rs-384a0bb8 = Buyer
rs-5c668fde = Origin (county)
rs-f5ff6f9c = Origin county category
rs-a6d5ba46 = Buyer's rating (out of 5)
rs-de4a0fc9 = Help through purchases: ledger for { $year }
rs-f8e213be = Helping side (city)
rs-7e106364 = County helped
rs-81433413 = Agreements
rs-62004e11 = Funds and goods (yuan)
rs-7d5c01c6 = Help through purchases (yuan)
rs-6d080d69 = East–West cooperation: summary for { $year }
rs-97cb15d8 = Programme
rs-a3af2701 = Records
rs-24949397 = Of which produce purchases (yuan)
rs-80d66388 = Total (each record counted once)
rs-3e1f8aa2 = Summary by programme
rs-5f14e0fd = Summary by programme for { $year }

# src/programmes/mod.rs
rs-71c70e1f = 2015–2020: targeted poverty alleviation
rs-9cdb5a8c = From 2021: rural revitalisation
rs-6b3a5881 = Regular targeted help
rs-f6d8cdb9 = Choose from the programmes listed
rs-ec861314 = Run at least one programme
rs-829f0cd9 = Choose the current programme (records without a programme count towards it)
rs-443d5e52 = The current programme "{ $a1 }" must be one of the programmes being run
rs-372f656a = Choose at least one programme
rs-84360adf = { $MAX_COUNTY_LINES ->
    [one] At most 1 line ({ $a1 } received)
   *[other] At most { $MAX_COUNTY_LINES } lines ({ $a1 } received)
}
rs-b8157a97 = Line { $n }: "{ $a1 }" is not a county-level region code (6 digits, or 12 digits ending in 000000)
rs-549c65fb = Line { $n }: "{ $a1 }" is not a county category (national key county for revitalisation: key_county; county out of poverty: lifted)
rs-87f44bdf = Line { $n }: write the category after the region code, e.g. { $a1 } lifted
rs-3eefee96 = Line { $n }: { $a1 } was already given on line { $first }
rs-04423f72 = Line { $n }: { $a1 } is not an imported county-level region (the system administrator imports the official region codes with qicun import regions)

# src/programmes/purchases.rs
rs-ba2f124e = Village committee confirms delivery
rs-deb5be1f = Buyer records payment
rs-b82186ea = Buyer's rating
rs-c4fc311b = Price too high: { $a1 } per { $unit }, more than 30% above the market price entered ({ $a2 })
rs-216f0e6f = Poor quality: the buyer rated it { $r } out of 5{ $why }
rs-7cd176d4 = Payment of { $a1 } does not match the purchase amount of { $a2 }
rs-62e4cc6e = , market price { $a1 } per { $unit }
rs-39ab8d9f = Paid { $a2 } on { $a1 }; the buyer rated it { $r } out of 5{ $a3 }
rs-0ff6814e = %-d %B %Y
rs-c49172e3 = Only records of produce purchases (help through purchases) need payment and a rating
rs-fa714ef0 = Payment and rating for this purchase were recorded on { $a1 } ({ $a2 } out of 5) and can no longer be changed
rs-63af4662 = 5: very good
rs-5d18adae = 4: good
rs-080e2d7a = 3: fair
rs-ec70fbdc = 2: poor
rs-40d8d009 = 1: very poor
rs-774add5d = Write the payment date as 2026-12-31
rs-34939188 = The payment date cannot be later than today: record the payment once it is made
rs-31a3f403 = The payment date cannot be before { $a1 }, when the agreement came into force
rs-5f1363fa = Enter the amount actually paid (yuan)
rs-da25a32e = The amount paid must be more than 0
rs-f560e576 = Rate the quality of this batch of produce (1 to 5)
rs-56e319de = The comment can be at most 200 characters
rs-2e716ddc = With a low rating, describe the quality problem; the office will look into it
rs-d8991db9 = The contribution is now "{ $a1 }", so payment and rating can no longer be recorded
rs-53bc3e75 = The buyer has paid for and rated "{ $what }": { $rating } out of 5
rs-4e5eec36 = Produce purchase "{ $what }" ({ $a1 }) needs checking: { $a2 }

# src/programmes/retention.rs
rs-b85eab0f = Only verified job placement records get the 6-month follow-up
rs-21adbf09 = { $n ->
    [one] These jobs have already been followed up: 1 person still in the job; it cannot be reported again
   *[other] These jobs have already been followed up: { $n } people still in the job; it cannot be reported again
}
rs-19abdb85 = These jobs started on { $a1 }; the follow-up can be done once 6 months have passed ({ $a2 })
rs-e57764e1 = Enter a number of people from 0 to { $a1 } ({ $a2 } were placed at the time)
rs-33bbe25f = { $a1 ->
    [one] These jobs have already been followed up: 1 person still in the job; it cannot be reported again
   *[other] These jobs have already been followed up: { $a1 } people still in the job; it cannot be reported again
}
rs-8664f6dd = { $a1 } reported the 6-month follow-up: { $a2 } placed, { $n } still in the job; awaiting verification
rs-7211b44a = The village committee has not reported the 6-month follow-up yet, so there is nothing to verify
rs-3fc00693 = { $a1 ->
    [one] The follow-up has already been verified: 1 person still in the job
   *[other] The follow-up has already been verified: { $a1 } people still in the job
}
rs-604da3fb = { $a1 ->
    [one] 6-month follow-up verified: 1 person still in the job
   *[other] 6-month follow-up verified: { $a1 } people still in the job
}

# src/radar.rs
rs-1f44562f = Organisations awaiting verification
rs-3aa920c7 = Pairings awaiting review
rs-6f59ef25 = Contributions awaiting verification
rs-68676855 = Objections to public notices to deal with
rs-4e2da4b1 = Supervision leads to deal with
rs-39b07ccf = Approved pairings with no signed agreement
rs-7b201a5d = Stalled pairings
rs-54b07ae9 = Overdue relapse monitoring steps
rs-e3a2720d = Overdue agreement milestones
rs-f6572250 = Needs with no response for a long time
rs-ae1d857c = {" "}(registered poor village)
rs-c146ccbd = In progress
rs-9cd4b869 = Pairing "{ $state }", moved on today{ $poor }
rs-e180baef = { $n ->
    [one] Pairing "{ $state }", no progress for 1 day{ $poor }
   *[other] Pairing "{ $state }", no progress for { $n } days{ $poor }
}
rs-627575a9 = View pairing
rs-9f5d7bb9 = Needs published, but no firm has responded yet{ $poor }
rs-cb5c394e = Add to a campaign
rs-d6f6e805 = No needs published yet{ $poor }
rs-32a6b629 = View village
rs-fd4d113c = Suggest a pairing
rs-df2c18af = { $a1 ->
    [one] "{ $state }" for 1 day
   *[other] "{ $state }" for { $a1 } days
}
rs-677ed692 = Approved but no agreement signed; lapses on { $a1 }
rs-b6def5be = Approved but no agreement signed
rs-079acfcb = { $a2 ->
    [one] Due on { $a1 }, 1 day overdue
   *[other] Due on { $a1 }, { $a2 } days overdue
}
rs-c3ee2a2a = View agreement
rs-0e687ea9 = { $a1 }, monitored household no. { $a2 }: { $a3 }
rs-f72bdbf9 = { $a2 ->
    [one] Due by { $a1 }, 1 day overdue
   *[other] Due by { $a1 }, { $a2 } days overdue
}
rs-fca53181 = Take action
rs-2c27f709 = Awaiting the village committee's confirmation
rs-6a9b2622 = Confirmed by the village, awaiting the office's verification
rs-127bd7aa = Verify
rs-a55c2771 = The village committee objects
rs-cc03b7d1 = Deal with it
rs-da276878 = { $a1 ->
    [one] Accepted by both sides 1 day ago
   *[other] Accepted by both sides { $a1 } days ago
}
rs-648580f9 = { $a2 ->
    [one] { $a1 } · registered 1 day ago
   *[other] { $a1 } · registered { $a2 } days ago
}
rs-8124e9eb = Review
rs-5e0b325d = { $days ->
    [one] No agreement signed 1 day after approval
   *[other] No agreement signed { $days } days after approval
}
rs-e3e30d2e = { $days ->
    [one] Pairing #{ $a1 }: no agreement signed 1 day after approval, so it has lapsed and the need is open again
   *[other] Pairing #{ $a1 }: no agreement signed { $days } days after approval, so it has lapsed and the need is open again
}
rs-669dd487 = Milestone "{ $a2 }" of agreement "{ $a1 }" was due on { $date } and is not done: report a contribution or agree a new date with the other side
rs-e7b07a8b = Milestone "{ $a2 }" of agreement "{ $a1 }" is due on { $date }
rs-d598abc7 = To do on { $a1 }: { $summary }
rs-57be8f58 = %-d %B

# src/uscc.rs
rs-30e80ad6 = The unified social credit code must have 18 characters
rs-d59ef357 = The unified social credit code can contain only digits and capital letters (not I, O, S, V or Z)
rs-5fc586cf = The check character of the unified social credit code is wrong; check the code and enter it again

# src/web/account.rs
rs-6312c839 = Revoked
rs-a5ec2ecb = Never used
rs-deb485bd = Never expires
rs-914069ee = My account
rs-675c04a7 = Done.
rs-b346199c = Password changed; you have been logged out on your other devices.
rs-65343f58 = Token created. It is shown only this once: copy it and keep it somewhere safe now.
rs-678f00c6 = Token revoked: programs using it can no longer call the API.

# src/web/admin.rs
rs-98592e18 = Holiday calendar
rs-5dc17f52 = { $a1 ->
    [one] Holiday calendar saved: 1 day in all. Monitoring items registered from now on count working days by it.
   *[other] Holiday calendar saved: { $a1 } days in all. Monitoring items registered from now on count working days by it.
}
rs-15dd9a13 = Account "{ $a1 }" created. It has no password yet: ask a security administrator to issue a one-time password.
rs-2a00fee4 = Account disabled; all its sessions have been logged out.
rs-fcacc22a = Account enabled.
rs-ff89b342 = Users
rs-4969b8bd = { $a1 } (linked to { $a2 })
rs-c45de68d = You cannot disable your own account
rs-55f94751 = Confirm disabling the account

# src/web/agreements.rs
rs-b2a86ac8 = Edit the agreement
rs-2f278884 = Agreement for pairing #{ $id }
rs-259f6fee = Pairing agreement: { $a1 }
rs-e0ed5e61 = Party A ({ $a1 }) provides "{ $a2 }": { $a3 }
rs-a795e66d = Need of Party B ({ $a1 }), "{ $a2 }": { $a3 }
rs-313f1426 = Party B organises farming households to take part and confirms the results truthfully; both parties accept the office's supervision and verification, and the results are published in a public notice as required.
rs-ed8add5f = The draft agreement has been submitted and awaits the village committee's countersignature; the office then files it, and it comes into force once filed.
rs-6fe4aa3b = Done ({ $a1 })
rs-873a6f81 = Overdue
rs-f00e4bf1 = Still needed before it counts as help through purchases: { $a1 }
rs-2b59f073 = { $n ->
    [one] 6-month follow-up: 1 person still in the job (verified by the office)
   *[other] 6-month follow-up: { $n } people still in the job (verified by the office)
}
rs-1f11877a = { $n ->
    [one] 6-month follow-up: the village committee reports 1 person still in the job; awaiting the office's verification
   *[other] 6-month follow-up: the village committee reports { $n } people still in the job; awaiting the office's verification
}
rs-21747b07 = 6-month follow-up: the village committee reports it from { $a1 }
rs-91ed8b41 = 6-month follow-up: awaiting the village committee's count of people still in the job
rs-bfdc577a = Agreement drafted, awaiting the village committee's countersignature: the committee reads the terms and countersigns, or sends it back with comments.
rs-2b40c5ab = Sent back for changes: the drafter makes the changes asked for and submits it again, then the village committee countersigns.
rs-64e809b6 = Countersigned by the village committee, awaiting filing by the office; the agreement comes into force once filed.
rs-8ebbe0f4 = { $a1 } to { $a2 }
rs-72b6bbb8 = The agreement has been marked as done; both parties have been notified.
rs-f20ef8f3 = The agreement has been terminated; both parties have been notified.
rs-26302657 = { $n ->
    [one] { $what }: 1 person
   *[other] { $what }: { $n } people
}
rs-224ce338 = , planned { $a1 }
rs-024eec6e = { $a1 }: by { $a2 }{ $amount }
rs-b0ebb6f1 = Only agreements sent back for changes can be edited; a countersigned or filed agreement cannot be changed
rs-fab885fc = Changes saved and submitted again; awaiting the village committee's countersignature.

# src/web/api.rs
rs-e87d60c8 = qicun API
rs-c146db3e = Hundred Firms Link Hundred Villages platform: organisations, offers and needs. Authenticate with a personal API token: `Authorization: Bearer qc_…` (created on /account).
rs-bdb53a27 = Missing or invalid token
rs-37320050 = The role is not allowed, a read-only token was used to write, or you must first change your password or set up two-step verification on the website
rs-5be91e76 = The input cannot be parsed or breaks the rules (fields explains each problem)
rs-b7bb3f3a = Too many attempts; try again later (Retry-After)
rs-8c01320f = The database cannot take requests for now (disk full or read-only); try again later
rs-f173002e = Does not exist, or does not belong to the caller
rs-a92f6bdd = Not allowed in the current state, or conflicts with a change made at the same time
rs-ea4fdcaf = The request body is larger than 256 KB
rs-54ea7e17 = Invalid JSON field: { $a1 }
rs-8db35828 = The request body must be JSON: { $a1 }
rs-988e635f = The amount cannot be negative
rs-d55ed932 = limit must be 1–50
rs-d2e664c8 = There is no kind of help called "{ $a1 }"

# src/web/archive.rs
rs-fccdff15 = (not recorded)
rs-f3cbbf41 = Not yet due
rs-163106b5 = { $a1 } reported by { $a2 }
rs-b62420e1 = { $a1 } confirmed by { $a2 } (village committee)
rs-c98565a7 = { $a1 } verified by { $a2 } (office)
rs-45aafcdd = Countersigned by the village committee
rs-d8c760e3 = Filed by the office
rs-e28422b7 = { $a1 ->
    [one] 1 person
   *[other] { $a1 } people
}
rs-01f20d86 = Project archive: { $a1 }
rs-f34ba60b = archive.html
rs-3ead7437 = { $page_hash }  archive.html

# src/web/assessment.rs
rs-c5092c47 = Assessment rules
rs-2d5165ff = { $year } yearly assessment: { $a1 } (formula { $a2 })
rs-ec241365 = Yearly assessment
rs-d6bbbab2 = Revoked { $a1 }: { $a2 }
rs-fe781269 = Signed off { $a1 }: { $a2 }
rs-a4376da7 = { $a1 }: { $year } yearly assessment
rs-47caef76 = "{ $a1 }" issued. It has been added to the assessment results and the other party has been told.
rs-14bd1019 = Changes signed off. The other party has been told, and the assessment results show it too.
rs-524c7623 = Revoked. The assessment results show the revocation and the reason, and the other party has been told.
rs-794dc53a = Revoked on { $a1 }: { $a2 }
rs-6930b247 = Past the deadline, not signed off
rs-0fdbb3f9 = Assessment results
rs-a4ffdd9c = Your rating for { $a1 } has been sent: { $a2 }. Ratings count towards public satisfaction in the yearly assessment.

# src/web/assets.rs
rs-4e548188 = { $y }: { $a1 }
rs-1cc1df1f = Your village can view project assets once the office has verified it
rs-a833d2c8 = Project asset "{ $a1 }" registered ({ $a2 }, { $a3 }).
rs-9f2012a6 = Income of "{ $a1 }" for { $year } changed from { $a2 } to { $a3 }.
rs-8570b108 = Income of "{ $a1 }" for { $year } recorded: { $a2 }.

# src/web/audit_pages.rs
rs-55044cf1 = Please write the date like 2026-12-01
rs-ec503a00 = { $n ->
    [one] This period holds 1 record, more than the { $a1 } one export allows. Please export it in parts
   *[other] This period holds { $n } records, more than the { $a1 } one export allows. Please export it in parts
}
rs-b161c5c2 = Visitor not logged in
rs-0c8113a1 = { $events ->
    [one] Hash chain intact: 1 record.
   *[other] Hash chain intact: { $events } records.
}
rs-ebb0676b = Hash chain broken at record { $event_id }: { $reason }

# src/web/auth_pages.rs
rs-9f4b69d3 = Wrong login name or password. After 5 wrong tries in a row for one account from one place, you must wait a while before trying again.
rs-d1cc990b = You have logged out.
rs-c5fdf200 = Register a firm
rs-3a2eb94f = Register a village committee

# src/web/cadres.rs
rs-52eceb29 = { $a1 } has been paired with household no. { $a2 }. The cadre will get a message and, after visiting, logs it under "My households".
rs-ce4432c5 = Household no. { $a1 }: { $why }
rs-9e9bf04e = My households
rs-e1da7033 = This pairing ended on { $to }; once it has ended the paired cadre can no longer see this household's details. Please go back to "My households".
rs-6a5474ca = { $a1 } to { $to }
rs-165a3e18 = Since { $a1 }, still paired
rs-4a92b75d = Back to registered households
rs-95ac2b77 = Back to my households
rs-51ccab63 = Back to the village's registered households
rs-a211d692 = Help measure
rs-19fcd091 = Household pairing
rs-848b1603 = Logged the { $a2 } on { $a1 }.
rs-0d77018d = What you wrote was not saved: "{ $typed }".
rs-edc74f72 = Not logged: { $why }. { $kept }
rs-29e84d69 = This pairing has ended; the household can be paired with a cadre again.

# src/web/campaigns.rs
rs-52e60bd6 = {" "}· registered poor village
rs-86b0bcbd = { $a1 } Hundred Firms Link Hundred Villages campaign
rs-fddab7e3 = The reference date must be year-month-day, e.g. 2026-12-31
rs-7116eea2 = Villages per firm must be a whole number from 1 to 100
rs-bb45d2df = Firms per village must be a whole number from 1 to 10
rs-8dc9a500 = The maximum distance must be a whole number of kilometres; leave it empty for no limit
rs-9accbe0b = Set. Please solve again
rs-ec7bbd56 = Removed. Please solve again
rs-05257c28 = Campaign created. Next: press "Solve" and the system will suggest pairings.
rs-9cf89468 = Solved: below are the suggested pairings and the villages left uncovered. You can lock or leave out pairings and solve again; issue them when you are satisfied.
rs-41f5e58e = Locked: this pairing is kept when you solve again.
rs-d70d75a1 = Left out: this office's later campaigns will not suggest this pairing either (you can restore it). Please solve again to update the suggestions.
rs-aa8517bf = Restored: the system arranges this pairing again. Please solve again to update the suggestions.
rs-764d0569 = Budget set. Please solve again so the suggestions follow the new budget.
rs-b5a4e78d = Budget removed. Please solve again so the suggestions follow the change.
rs-73f63554 = Pairings issued: both sides will get a message, and once each has accepted, the office reviews them.
rs-a45555c9 = Please choose lock, leave out or restore
rs-cff17360 = Budget not set: { $why } (see "Firm places and budgets" below)
rs-104cd16e = Please enter the budget amount (yuan); to remove a budget, press "Remove" next to it
rs-b38dcf1b = The budget must be more than 0
rs-ccd047e6 = Budget: { $why }
rs-56fff500 = Issue: { $a1 }

# src/web/contributions.rs
rs-9a55a1f9 = Correct a contribution
rs-6b219ad2 = This record is now "{ $a1 }" and can no longer be corrected (only records awaiting confirmation or disputed can be)
rs-fc86f2e2 = Please send it with the form on the page (multipart/form-data)
rs-69ed097c = Upload failed: { $e }
rs-c3fcb039 = The file is too large or the upload was cut off
rs-f9424a89 = The form is incomplete or has repeated items. Please reload the page and fill it in again
rs-7c0a8196 = "{ $name }" contains invisible control characters. Please remove them and send it again
rs-c1858767 = Contribution reported, waiting for the village committee to confirm it; once confirmed, the office verifies it.
rs-0f804e3f = Verification note (required: there are risk warnings)

# src/web/extract.rs
rs-a1c4658f = Change your password on the website first (a one-time or expired password cannot be used for anything else).
rs-c3159aaf = Set up two-step verification (an authenticator app on your phone) on the website first.
rs-3889c80c = This token can only read, not change data. To write, create a token with full access.
rs-d8e476dc = The form is too large or cannot be read
rs-bfba0c56 = The form is not in the right format
rs-3c5199c3 = Contains characters that cannot be read. Please type it again

# src/web/i18n.rs
rs-2646130f = Language not supported: choose from { $a1 }

# src/web/income.rs
rs-557fc8da = Collective income
rs-06a8ace1 = Collective income of { $a2 } reported for { $a1 }, waiting for the office to verify it.
rs-0a6851d4 = Village collective income
rs-d77fbb3d = Verified. It now counts towards the plan's villages meeting the collective income target.
rs-6d272b1b = Sent back. The village committee will see the reason.

# src/web/input.rs
rs-8a6b2b64 = What you sent contains invisible control characters (usually brought in by copying and pasting from elsewhere). Please remove them and send it again
rs-4b14a8e8 = What you sent is too large (forms and JSON may be at most { $a1 } KB)
rs-dcea9842 = Please send it as application/json (in the Content-Type header)
rs-f167a96f = What you sent is too large
rs-b1011f45 = The { $what } in the address is not in the right format (a year or page number, for example, must be digits). Please go back and choose again with the options on the page.
rs-36103b7a = What you sent is not in the right format. Please go back and send it again with the form on the page.

# src/web/inspection.rs
rs-d4b53448 = There is no county (city, district) in your area: inspection reports are compiled per county
rs-0df821e6 = Inspection report on help: { $a1 }, { $year }
rs-7294c2a4 = Inspection report
rs-3aa72820 = Inspection report: { $a1 }, { $year }

# src/web/leaders.rs
rs-1410b482 = { $h } hours ({ $n } course(s))
rs-8ac1d20f = { $a1 }: village leadership
rs-a85d8f16 = Recorded { $a1 }: { $a2 }. The village's public page shows the name and unit, not the phone number.
rs-9845e66e = Recorded that { $a1 } left office on { $a2 }; the record is kept in the history.

# src/web/listings.rs
rs-c5074c57 = No end date
rs-bb7856b8 = { $a1 } (whole city)
rs-ac61da48 = Earlier posts
rs-cf7d71fb = { $a1 ->
    [one] Over 1 item, page { $a2 }. Filter by kind or region, or enter a keyword, to narrow it down
   *[other] Over { $a1 } items, page { $a2 }. Filter by kind or region, or enter a keyword, to narrow it down
}
rs-ddecd6ef = Total: { $a1 }, page { $a2 } of { $a3 }
rs-58134c4e = Total: { $a1 }
rs-ec68ce3c = Nothing found for "{ $a1 }" among the { $a2 }. Try other words (listings are written in Chinese, e.g. 大米 rice, 务工 work, 修路 road repair), fewer words, or clear the keyword and browse by kind and region.
rs-688d0d36 = You have not posted any offers yet. Press "Post an offer" to describe jobs, purchases, donations and so on.
rs-ba7e977b = You have not posted any needs yet. Press "Post a need" to say what help the village needs.
rs-d73df50d = No offers match. Try another kind or region.
rs-504bd41e = No village needs match. Try another kind or region.
rs-15d63300 = My offers
rs-500c3791 = My needs
rs-e3c78562 = Village needs in my area
rs-0130b9b9 = Offers in my area
rs-564ddb47 = Suggested firms
rs-90280784 = Suggested villages
rs-a645cdc5 = Edit { $a1 }
rs-d99d6af6 = Post { $a1 }
rs-6674cc1b = "{ $a1 }" is published and everyone can see it. Below are the pairings the platform suggests.
rs-e5d09dae = "{ $a1 }" saved as a draft. Once you have checked it, press "Publish".
rs-a3598378 = Changes saved.
rs-28f207d9 = Once published, everyone can see it, and the platform suggests pairings from it.
rs-89ecf39e = Once marked as done, it can no longer be changed or published again.
rs-f0c5c9d8 = Once withdrawn, it can no longer be changed or published again, and it no longer shows on public pages.
rs-f61a44fa = Confirm
rs-1b1d09ac = Published; everyone can see it. Below are the pairings the platform suggests.
rs-0f47efc3 = Marked as done; it takes no new pairings.
rs-5565fc17 = Withdrawn; it no longer shows on public pages.
rs-233828f5 = { $a1 } and { $a2 }
rs-5ec38566 = Pairing proposed to { $to } (pairing #{ $a1 }). Once they confirm, { $office } reviews it.
rs-d4ab1d99 = Your organisation can propose pairings once the office has verified it.
rs-b2f80b6b = This listing is not among the current recommendations (another kind, another area, or no longer valid), so no pairing can be proposed with it. Go back to the listing and choose from its recommendations.
rs-732b31aa = Confirm the pairing proposal
rs-7d55536b = Pairing request sent to { $other }. Once they confirm, { $a1 } reviews it.

# src/web/mod.rs
rs-d349950d = Help
rs-c3c56082 = This address is for sending forms and cannot be opened directly. Please go back to the previous page and fill the form in again, or come back in from the menu.
rs-5ed041f8 = Back to organisation review
rs-1d798ce1 = See the campaign
rs-79657e92 = Back to objections
rs-b1b1ea6c = Back to the assessment results
rs-07c39b4d = See the responsibility
rs-799b7e56 = Back to supervision leads
rs-0a7dd661 = Back to stories
rs-7d7051c5 = Back to my households
rs-7e212063 = See the pairing
rs-21c3a2c0 = See the agreement
rs-2414a3ac = See the offer
rs-21fe7e15 = See the need
rs-3bd9b534 = See the public notice
rs-212b13d7 = See the monitored household
rs-05e333a0 = See the contribution
rs-8fe51264 = Page not found
rs-530515ce = This cannot be done
rs-d54d2a24 = Please try again later
rs-e7ebc448 = Not possible right now
rs-c6c17b00 = Server error

# src/web/monitoring.rs
rs-ca2ac8f3 = (no.{" "}
rs-ce2e3d2e = {" "}monitored household
rs-8688d05a = { $a1 } ({ $a2 }, household of { $a3 })
rs-40d6c037 = Relapse monitoring
rs-f572eba2 = Monitored household no. { $a1 } recorded. Please complete the home visit by { $a2 }.
rs-cff79e45 = Record the home visit
rs-1c02248b = Record the villagers' representatives' review
rs-d6dc7295 = Agreed to take in; goes on notice in the village
rs-4d419949 = Not agreed to take in
rs-8f71ad17 = Record the notice in the village (the day it was posted)
rs-1483bb88 = Record the township's review
rs-3026b813 = Passed; sent to the county for decision
rs-c9eb1295 = Not passed
rs-113d328e = Record the county's decision
rs-0e520ef8 = Taken into monitoring
rs-9a0895bb = Not taken in
rs-cfd19ac1 = Add help measures
rs-3e5e464d = By { $a1 } ({ $a2 } working days after it was found)
rs-290222db = { $a2 ->
    [one] By { $a1 } (1 day after it was found)
   *[other] By { $a1 } ({ $a2 } days after it was found)
}
rs-b66c9cc8 = { $a1 ->
    [one] By { $m } (1 day after the decision)
   *[other] By { $m } ({ $a1 } days after the decision)
}
rs-a3c7554a = Registered household (household no. { $a1 })
rs-cb8b6086 = Not on the poverty register
rs-35e4d589 = Monitored household no. { $a1 }
rs-f96bef3b = "{ $a1 }" recorded. Now: { $a2 }.
rs-a2851396 = Monitored household no. { $a1 } is now at "{ $a2 }": the notice in the village comes only after the villagers' representatives agree.
rs-487c3344 = Public notice of households taken into relapse monitoring

# src/web/notices.rs
rs-6d429d48 = Project name
rs-221bca35 = Assessment year
rs-93bd9a54 = Year { $a1 }
rs-49f8827f = Assessed
rs-ab264500 = Decision
rs-6fbd123d = Decided by
rs-00bc9bef = Revoked: { $why }
rs-4df91e46 = Location (village helped)
rs-421f56b0 = Carried out by (helping firm)
rs-62652ca9 = Person in charge
rs-fdf67817 = Help given
rs-9d42b997 = Agreement term
rs-07587fc2 = Source and amount of funds
rs-37e90e6c = From the helping firm: { $a1 }
rs-e392b5c5 = Households: { $a1 }; people: { $a2 }
rs-db42060f = From the helping firm (planned): { $a1 }
rs-6bcda20e = Newest first
rs-1a727d60 = Oldest first
rs-983b80d3 = Handled
rs-e881aa6b = (cannot be decrypted)
rs-ec587e04 = { $n ->
    [one] This tab holds 1 objection, more than the { $a1 } one export allows
   *[other] This tab holds { $n } objections, more than the { $a1 } one export allows
}
rs-8ee06d62 = Objection
rs-45f3bf85 = Raised
rs-f88da2aa = Handled on
rs-de6a0483 = Objections to public notices (exported { $today }, { $a1 } in all)
rs-49675eb4 = If the objection is upheld, this assessment result is revoked at once (with the outcome as the reason), the notice ends, and the one assessed is told.
rs-634a81c8 = If the objection is upheld, the record is suspended and no longer counts in any total.
rs-f7f0c5a8 = The outcome will be published on the notice page.
rs-196880f7 = Handle an objection
rs-bbea095e = Objection upheld: this assessment result is revoked and the notice has ended; the one assessed has been told.
rs-6f6757b2 = Objection upheld: the record's notice is suspended and it no longer counts in any total; those concerned have been told.
rs-115c8942 = Objection dismissed: the outcome is published on the notice page.

# src/web/office.rs
rs-1090dd06 = Import a ledger
rs-7e6a8e5f = Please choose a file to upload
rs-7245572f = The file must be .xlsx, .csv or .json
rs-8b5d9f59 = Newest registered first
rs-6771b26f = Oldest registered first
rs-1dc9c294 = By name
rs-5f6c718e = By region
rs-0262b3b9 = Organisation review
rs-f3fe413e = { $n ->
    [one] 1 organisation match, more than the { $a1 } one export allows. Please filter by status, type or name first
   *[other] { $n } organisations match, more than the { $a1 } one export allows. Please filter by status, type or name first
}
rs-155922de = Location
rs-c6266f92 = Registered on
rs-2789d586 = Verified on
rs-b88cfcf4 = Organisations (exported { $today }, { $a1 } in all)
rs-2d2453a6 = Verify
rs-183d0b44 = Once verified, it can post and propose pairings, and its details show on public pages.
rs-93fbacef = Once suspended, its details are no longer public and it cannot propose pairings. Please give the reason; they will see it.
rs-363a6da8 = They change their registration details as asked, and it comes back for review. Please say what needs changing.
rs-f26acb17 = Rejection is final (e.g. the organisation does not exist or its details are false). Please give the reason; they will see it.
rs-af682584 = Reopen
rs-32328944 = Reopen when a rejection was a mistake (e.g. they have sent the missing documents); the organisation goes back to "Waiting for review". Please give the reason; they will see it.
rs-83fb257d = "{ $a1 }" is now "{ $a2 }", so "{ $label }" is not possible. Please go back to the organisation review list to see where it stands now
rs-8142732a = Only village committees have village categories. Please go back to the organisation review list
rs-a4ea384b = The chosen village category does not exist. Please tick one from the list
rs-254ac306 = Village categories of "{ $a1 }" cleared.
rs-f34cc962 = "{ $a1 }" set to: { $a2 }.
rs-0e194a72 = Done: "{ $label }" for "{ $a1 }". They have been told.

# src/web/organisations.rs
rs-374910b3 = The office of your county (city, district)
rs-2f597830 = Our organisation
rs-e57fc550 = Registered! Please wait for the office to review and verify you; once verified, you can post and take part in pairings.
rs-ce1ccd76 = Details saved.
rs-037efe12 = Details saved and sent to the office for review again.
rs-360ae8c1 = City leader linked to this county

# src/web/pages.rs
rs-35b90ad4 = Hundred Firms Link Hundred Villages · firms helping villages

# src/web/pairings.rs
rs-3ac84350 = Recently updated first
rs-c0f7b49a = Newest proposed first
rs-d93cd55c = Oldest proposed first
rs-20bd9121 = Highest match score first
rs-da0e7c2e = For me to review
rs-a919af80 = Waiting for me
rs-a5bf536a = No pairings are waiting for you.
rs-e54c6b6b = Waiting for the other side
rs-b04a3702 = Waiting for both sides
rs-12e9cb7e = No pairings are waiting for confirmation.
rs-f984b66f = No pairings are waiting for the office's review.
rs-853b709d = No approved pairings yet.
rs-54dd19a2 = Ended
rs-c74e9963 = No ended pairings. Pairings declined, withdrawn or rejected, or lapsed because no agreement was signed in time after approval, are listed here.
rs-9b945a12 = No pairings yet. On the page of an offer or a need, look at the suggestions and press "Propose a pairing".
rs-30da61ba = { $n ->
    [one] This tab holds 1 pairing, more than the { $a1 } one export allows. Please export another tab
   *[other] This tab holds { $n } pairings, more than the { $a1 } one export allows. Please export another tab
}
rs-3dec2500 = Village location
rs-019c448f = Match score (%)
rs-0a0b09d9 = Proposed
rs-eda2840c = Last updated
rs-6baa75e6 = Pairings (exported { $today }, { $a1 } in all)
rs-9c1f498c = Match score { $a1 } (when the pairing was proposed)
rs-d1d0ec8f = Recalculated from current details, match score { $a1 }: { $a2 }
rs-73186596 = No agreements yet (a firm new to this)
rs-1d556956 = Agreements that took effect: { $in_force } (completed { $a1 }, in force { $a2 }, terminated { $a3 }){ $a4 }; verified help worth { $a5 }
rs-8d590809 = ; { $drafts } more awaiting countersigning or filing
rs-ba8d5e70 = Proposed the pairing
rs-33474a1c = Pairing lapsed: no agreement signed long after approval
rs-4d34abdf = Other action
rs-9705bf34 = From the campaign "{ $a1 }". Why it was suggested: { $a2 }
rs-9ae2cb99 = Pairing #{ $id }
rs-b333799f = Please choose a reason
rs-7aa4f0b8 = Both sides have accepted; waiting for { $office } to review.
rs-fac3c700 = { $a1 } and { $a2 }
rs-91419abf = Waiting for the other side to confirm.
rs-73670aff = Both sides have been told and can now sign the agreement.
rs-b82c0619 = The other side has been told.
rs-a9780932 = Done: { $a1 }. The pairing is now "{ $now }". { $next }

# src/web/plans.rs
rs-6dbedbb9 = { $a1 }–{ $a2 }
rs-c21aecae = 15th five-year plan
rs-95da4bff = Draft plan "{ $a1 }" created. Fill in the targets for each year and save them, then submit the plan to the city office for approval.
rs-a93c50dc = Targets met in { $chart_year } (a full bar means the target is met)
rs-c4948f55 = { $county } plan "{ $a1 }" ({ $a2 }–{ $a3 }, { $a4 }): targets and progress
rs-996d3396 = Done (%)
rs-bb84ca3f = Yearly targets saved: { $a1 }.
rs-5d4133de = Plan "{ $a1 }" submitted to the city office for approval.
rs-b769bc00 = Plan "{ $a1 }" approved; the county office has been told.
rs-be432c50 = Plan "{ $a1 }" sent back; the county office has your comment.

# src/web/portal.rs
rs-71919876 = Hundred Firms Link Hundred Villages honour roll
rs-c2447f1c = Taken down { $a1 }: { $a2 }
rs-9b49ab7c = Stories
rs-eeeed545 = The photo is too large or the upload was cut off
rs-f97b4cd4 = Contains invisible control characters. Please remove them and send it again
rs-59a47271 = Published on the public portal (honour roll page). The photo has been re-encoded, so where it was taken and similar details are not published.
rs-f6bd2789 = Published on the public portal (honour roll page).
rs-f47a16b7 = Taken down from the public portal; the record is kept.

# src/web/programmes.rs
rs-6526541a = Saved: running { $a1 }. The current programme is "{ $a2 }"; agreements and records not marked with a programme count towards it.
rs-d609c840 = County category list cleared: no county categories are recorded now.
rs-54937e0f = { $n ->
    [one] County categories saved: 1 county. The programme ledgers and help through purchases use them to count purchases from key counties.
   *[other] County categories saved: { $n } counties. The programme ledgers and help through purchases use them to count purchases from key counties.
}
rs-6287b5f7 = Saved: this agreement counts towards { $a1 }; the programme ledgers are updated to match.
rs-90d4e5aa = The village committee confirmed delivery on { $a1 }
rs-2cc212d2 = The village committee has not confirmed delivery yet. You can record payment and your rating now; the office can verify only after delivery is confirmed
rs-8149996e = Record payment and rate
rs-ccb9ec6c = Six-month follow-up
rs-8a645eea = Six-month follow-up reported: { $a1 } placed, { $a2 } still in the job. Once the office verifies it, it counts towards job retention.
rs-8f522030 = Six-month follow-up verified: { $a1 } still in the job, counted towards job retention.
rs-8bb3bd88 = The year must be between 2015 and { $this }
rs-6a659643 = Ten Thousand Firms Help Ten Thousand Villages ledger
rs-d8d11441 = Ten Thousand Firms Revitalise Ten Thousand Villages: village projects ledger
rs-eeec0466 = Ledger of help through purchases
rs-f6d4cf3e = East–West cooperation summary
rs-fc9276f9 = Programmes
rs-38fe052a = The download format must be Excel (xlsx) or CSV
rs-89a36ae6 = Please choose the ledger to download: summary of all programmes, Ten Thousand Firms Help Ten Thousand Villages ledger, village projects, help through purchases or East–West cooperation

# src/web/radar.rs
rs-1063ade2 = Firms and villages registered in your area, awaiting verification
rs-8fda1f2a = Pairings awaiting review
rs-61fe1622 = Contributions awaiting verification
rs-48b667f1 = Contributions the village committee disputes
rs-af232218 = Objections to public notices waiting
rs-243431d4 = Open supervision leads
rs-11f4d21a = Agreements countersigned by the village, awaiting filing
rs-693b4e8d = Plans submitted by counties, awaiting this office's approval
rs-38bd2f56 = Pairings stalled for over 30 days
rs-665d0d13 = Needs with no response 30 days after posting
rs-cd78b2cf = Workbench
rs-33778d86 = Coverage radar
rs-23264ebe = Pairing #{ $a2 } with { $a1 }
rs-590c7f31 = { $source } · waiting for our answer
rs-464867c3 = The village committee disputes it: { $a1 }. Please correct or withdraw it; the office will also decide
rs-e395581e = Help reported by the firm, { $a1 }. Please check it, then confirm it or raise a dispute
rs-c9fc70ff = Agreement sent back for changes: { $a1 }
rs-78b0e3ed = Agreement drafted by the firm. Please read the terms, then countersign it or send it back for changes
rs-66b88d42 = Edit the agreement
rs-65549221 = Pairing #{ $a1 } approved
rs-b0659021 = Please sign the agreement within { $a1 } days of approval; { $a2 } days after that, the pairing lapses
rs-2a903452 = Draft the agreement
rs-84bcd29a = Due { $a1 }, overdue
rs-ab58495f = Due { $a1 }
rs-a5d1c1cf = Report progress
rs-0a4cecb5 = The office sent back your registration details: { $note }. Please go to "Our organisation", make the changes asked for and save.
rs-d205998c = The office has refused to verify your organisation: { $note }.
rs-db7f4c46 = The office has suspended your organisation; its details are not public for now. { $note }
rs-9e8d0c05 = Your organisation is waiting for the office's review. Until it is verified you can complete your details and save drafts; once verified, you can post and take part in pairings.
rs-4a9448d7 = My workbench
rs-0ae61e2d = { $a1 } × 10k yuan
rs-6076d759 = Pairing coverage of villages by county
rs-874f4ac4 = Paired
rs-b3bd5183 = { $v ->
    [one] 1 village
   *[other] { $v } villages
}
rs-89af1d42 = Verified help by month, { $year }
rs-75224b4a = Top ten firms by verified help, { $year }
rs-bf01ba38 = Cockpit
rs-888b1ed1 = The table must be coverage, months, states or top

# src/web/register.rs
rs-ce57977e = Not recorded
rs-e26bd0d1 = Please upload the file with the form on the page (multipart/form-data)
rs-b3b87b4f = Please choose an XLSX or CSV file to import
rs-16646f15 = { $a1 } rows imported ({ $a2 } villages, { $a3 }–{ $a4 }). Villages reaching more people than their registered poor population are listed as supervision leads.
rs-9f40ca9b = { $a3 ->
    [one] Registered households imported: { $a1 } added, { $a2 } updated (1 village). Years without village-level figures are counted by household.
   *[other] Registered households imported: { $a1 } added, { $a2 } updated ({ $a3 } villages). Years without village-level figures are counted by household.
}
rs-b382b61a = Back to my workbench
rs-7432ef64 = Back to the poverty register
rs-ac873233 = Your village can view registered households once the office has verified it

# src/web/responsibility.rs
rs-8bc0d186 = From { $a1 } (cancelled before it started)
rs-1644b77f = Responsibility of "{ $a1 }" recorded. From { $a2 } it shows as responsible on the pages of the villages linked.
rs-fe08e690 = Responsibility of "{ $a1 }" recorded. The pages of the villages linked will show who is responsible.
rs-ec5a0892 = Record cancelled: { $reason }
rs-106f75dc = Ended on { $to }: { $reason }
rs-f8bb8ab7 = Ends on { $to }: { $reason }
rs-782d07c5 = Not started yet (from { $a1 })
rs-03ce91cd = Responsibility of { $a1 }
rs-a905d37c = This account has no helping unit linked to it. Please contact the system administrator
rs-63cd1556 = The record for "{ $a1 }" has been cancelled (it had not started); it is kept in the history.
rs-329629fa = The responsibility of "{ $a1 }" ends on { $to } and shows as current until then. To name a successor, add a new responsibility.
rs-6f221078 = The responsibility of "{ $a1 }" has ended; the record is kept in the history. To name a successor, add a new responsibility.

# src/web/security.rs
rs-d130663d = The login restriction on this account has been lifted.
rs-3366f805 = Two-step verification for this account has been cleared: the user must scan a new code to set it up at the next login, and all existing sessions have been logged out.
rs-99a3cc42 = Review scope changed. The reviewer has been logged out everywhere and reviews under the new scope from the next login.
rs-b190f52e = Account security
rs-4032a2de = Change review scope
rs-67a9e397 = Security settings

# src/web/supervision.rs
rs-7ae3b258 = Handled by { $a1 } on { $a2 }
rs-cf101147 = Check finished: no new leads found.
rs-89a7be99 = Check finished: { $new } new lead(s) found across the platform; those in your area are listed below.
rs-9a84c91e = Lead closed as "{ $a1 }" and entered in the audit trail; you can see it under "Handled".

# src/web/team.rs
rs-56f03b6e = Office teams
rs-8e0bf7ac = Never logged in
rs-d278649d = Only unassigned items
rs-bc94996a = Only items assigned to { $a1 }
rs-9117fbf2 = Posts recorded for { $a1 }: { $n }.
rs-b3f12009 = The ticked items cannot be recognised. Please reload the page and tick them again
rs-a8471141 = Please choose who to give them to
rs-d81cbde8 = { $n ->
    [one] 1 item assigned to you.
   *[other] { $n } items assigned to you.
}
rs-bb413846 = { $n ->
    [one] 1 item assigned; the reviewer will get a message.
   *[other] { $n } items assigned; the reviewer will get a message.
}
rs-fda7f87d = { $n ->
    [one] 1 item returned to the office, with nobody assigned.
   *[other] { $n } items returned to the office, with nobody assigned.
}

# src/web/training.rs
rs-d140abfc = Training "{ $a1 }" recorded. Once it has started, tick on this page the village cadres who attended.
rs-ce924475 = Please tick in the list the village cadres who attended
rs-330cf2e9 = Attendance recorded ({ $n } attended); it goes into each village cadre's training record.

# src/web/two_factor.rs
rs-3c094c26 = Two-step verification
rs-d9b805e9 = The code is wrong or already used. Enter the 6 digits your authenticator app shows now, or a recovery code you have not used.
rs-d484ff26 = This login has already been verified

# src/web/worklog.rs
rs-4a84887f = Back to the village leadership
rs-afc4df07 = Village work log
rs-a3a41323 = Your village can keep a work log once the office has verified it
rs-756bc8a1 = { $DAYS_BACK ->
    [one] The date must be within the last 1 day and no later than today
   *[other] The date must be within the last { $DAYS_BACK } days and no later than today
}
rs-a5cefb39 = Please write what was done that day (4–500 characters)
rs-703639d8 = This log entry for { $day } was already recorded; it has not been recorded twice.
rs-0dab5e8b = Work log for { $day } recorded.


# Short words of the code (labels, table heads, words the matcher reads)
rs-6964d641 = Community
rs-30c59181 = Organisation
rs-60d1baa0 = Unknown
rs-c87c6c52 = Not filled in
rs-cd4506d2 = Disabled
rs-14284c82 = Enabled
rs-329128bc = File
rs-518b0da0 = No.
rs-857bc5e6 = Action
rs-63897292 = Subject
rs-79c761a6 = Hash
rs-bad2af27 = Log in
rs-5a7403a6 = Account
rs-5150eebf = Pairing
rs-a5e1e221 = Plan
rs-fa672c33 = Setting
rs-6ecbad66 = Request
rs-7ffd2ae3 = Status
rs-687a9daa = Reason
rs-f3f2614f = Name
rs-e69643c5 = Title
rs-16d86fec = Description
rs-7aa38d36 = Kind
rs-21a44385 = Source
rs-f33d642a = Amount
rs-c6718775 = Quantity
rs-9e39f124 = Unit
rs-0d8ee651 = Role
rs-b774e826 = Name
rs-c8bb7606 = Address
rs-358a866d = Number
rs-ac50532c = Time
rs-bf421070 = Year
rs-a2e22402 = Rating
rs-8ccf8adf = Found
rs-5a577a20 = Lead
rs-5ff95fc9 = Rows
rs-5c565fe6 = Villages
rs-31f8e546 = New
rs-f0bbfd67 = Village
rs-0f39714a = Class hours
rs-17713950 = Place
rs-6456f4e6 = Updated
rs-c342f976 = Count
rs-cb04e0ce = Days
rs-4f7f6fc5 = Item
rs-cc273528 = Date
rs-96b646f4 = Yes
rs-c763b5c2 = No
rs-2f6b4123 = Proposed
rs-7af855c3 = Carried over
rs-625d464f = Month
rs-231a13c4 = Progress
rs-ba8df530 = Verify
rs-2b44cdfb = Help
rs-276d81b1 = Total
rs-a9813fb5 = Records
rs-29c2b630 = Public notice
rs-d87fa992 = Record
rs-561dcd23 = Approve
rs-240c7b1d = Village name
rs-14505f24 = off
rs-099798f2 = work
rs-c628ab7a = Offer
rs-291e2789 = Need
rs-492b5b79 = Content
rs-2a38ad5f = Column
rs-992b6fd6 = Publish
rs-37da53b3 = Withdraw
rs-36943181 = Beijing
rs-5c548f88 = Tianjin
rs-1972b728 = Hebei
rs-6d4bf285 = Shanghai
rs-b2ac42a1 = Jiangsu
rs-416e644d = Suzhou
rs-f811b5e4 = Kunshan
rs-020cf1f6 = Wuxi
rs-fe693562 = Changzhou
rs-f02142ca = Nanjing
rs-5322eedb = Zhejiang
rs-60356a10 = Ningbo
rs-1c560a0a = Cixi
rs-c62e13a4 = Wenzhou
rs-91cbe603 = Hangzhou
rs-ec3cdcc6 = Yiwu
rs-65f2b1a8 = Shaoxing
rs-3a4e5457 = Taizhou
rs-9a238919 = Anhui
rs-1ba09e99 = Hefei
rs-9a211209 = Fujian
rs-bccc4798 = Xiamen
rs-250213c1 = Quanzhou
rs-6c744dc9 = Jinjiang
rs-3e3e9649 = Fuzhou
rs-7dddd7e4 = Putian
rs-8244404b = Jiangxi
rs-8796feb6 = Nanchang
rs-49b8e142 = Shandong
rs-83cb5789 = Qingdao
rs-d971a6d1 = Henan
rs-6a969fae = Zhengzhou
rs-f58d37d4 = Hubei
rs-38b86c06 = Wuhan
rs-b58c277d = Hunan
rs-a0e7502f = Changsha
rs-37c0af74 = Guangdong
rs-a7358199 = Shenzhen
rs-2e0f89a5 = Dongguan
rs-e3f3be7e = Guangzhou
rs-5d751a78 = Foshan
rs-7cd57d65 = Shunde
rs-1db60120 = Huizhou
rs-8bd27d45 = Zhongshan
rs-a6bb2e75 = Zhuhai
rs-fe659c33 = Jiangmen
rs-675b945c = Guangxi
rs-197febf4 = Hainan
rs-633858cf = Chongqing
rs-9a3db03d = Sichuan
rs-e0b5010c = Chengdu
rs-a3e75593 = At home
rs-1e2c2a15 = At home
rs-b198a23c = In the village
rs-c7fe1471 = Near home
rs-b40503df = Nearby
rs-ecf1107e = In the township
rs-7eb50bb8 = This township
rs-cd3bf347 = In the township
rs-d744f463 = This village
rs-01618513 = This county
rs-8284e268 = Locally
rs-1e1c28b9 = In the county
rs-d4a255f7 = Within the county
rs-6f67cb67 = County town
rs-ab38a578 = In the county
rs-5c06880e = In the city
rs-a23d2bc0 = Within the city
rs-acdc3dc2 = This city
rs-614d62f7 = City area
rs-d702d31d = Within the province
rs-a13c98b9 = This province
rs-fe2d477c = Coastal
rs-c5affdfc = Another province
rs-742f6965 = Outside the province
rs-2d0dfe27 = Go south
rs-7096491f = Wants to head south
rs-c30a0ee4 = Head south for work
rs-10953274 = Head south to a factory
rs-b942a8a8 = Does not want to head south
rs-29d33ad0 = Does not want to go south
rs-06091550 = Not going south
rs-2ed07027 = Idle
rs-e09a3868 = Idle at
rs-bf6166db = Idle now
rs-e87c9b5b = Staying put
rs-2322fe09 = Out of work
rs-2b2c17dd = Staying around
rs-5559efe7 = Resting
rs-c5b1257b = Nothing to do
rs-6fe6881b = No work
rs-374efbf5 = Idle
rs-c84973d8 = Furniture
rs-91ae3559 = Appliances
rs-7e95daf1 = Years old
rs-2e192335 = Years old
rs-fee7ab20 = Just over
rs-7eabf52b = Or so years old
rs-0f3f6abc = Over … years old
rs-ce9afd6f = Some years old
rs-22f67fa2 = Over
rs-2b4cf9df = Some
rs-66fbc8d9 = Decline
rs-4da830ca = Reject
rs-7eab6cd3 = Product
rs-9f89475f = Poverty relief
rs-bf814de9 = Valid
rs-273fdf83 = people
rs-feddfa1c = households
rs-28fcd598 = Person-times
rs-8e1cd927 = All
rs-40a192c3 = System
rs-998baf22 = End
rs-e25e33e4 = Rank
rs-794c5449 = Total score
rs-76e520d4 = Assessment
rs-b6f39e8f = Registration
rs-580b7ffd = Visit
rs-c488f045 = 中文
rs-a5461fa7 = Year
rs-986fd6e0 = Page
rs-b8c3ad34 = Parameter
rs-949087d6 = Programme
rs-832bfa98 = Urgent
rs-fb203111 = Fairly urgent
rs-e7f84c1e = Beneficiaries
rs-5137afba = Objection
rs-fb1cd931 = Suspend
rs-9ea6a5b3 = Long-term
rs-27a66de3 = Messages
rs-9bdf972b = Indicator
rs-e8410136 = Target
rs-35d25224 = Done
rs-12a4e8c9 = Reply
rs-d2f85453 = Handle
rs-a18752f1 = Confirm
rs-7ef56c1d = Countersign
rs-450d9f2f = View
rs-ad854a73 = Reported today
rs-8b13e385 = { $n ->
    [one] Reported 1 day ago
   *[other] Reported { $n } days ago
}
rs-7b61efcf = Raised today
rs-bec57fe5 = { $n ->
    [one] Raised 1 day ago
   *[other] Raised { $n } days ago
}
rs-ae200532 = { $a1 ->
    [one] Published 1 day ago
   *[other] Published { $a1 } days ago
}

# src/matching/local.rs, src/web/lexicon.rs, src/audit/labels.rs
rs-4cf8a56c = Change the local matching words
rs-270fdfe6 = no local entries: the built-in lexicon only
rs-b7a63f47 = { $a1 } new entries, { $a3 } other names added to { $a2 } built-in entries
rs-0d423941 = Too long: at most { $a1 } KB (received { $a2 } KB)
rs-a99cbe91 = At most { $MAX_LINES } lines (received { $lines })
rs-e99d9bca = Not a readable .xlsx file
rs-8d97c4d6 = The workbook has no sheet
rs-561a974b = The sheet “{ $sheet }” cannot be read
rs-3001cc5e = The file is neither UTF-8 nor Unicode text: in Excel, save it as .xlsx or as “Unicode text”
rs-4c87ef16 = Local words
rs-3264a201 = local words saved on the page
rs-69a7ef93 = Cannot read the local words file { $a1 }
rs-6d2ebcbc = Matching words
rs-23f36e74 = Local words saved: { $a1 }. They take effect when the service restarts, and the search index is then rebuilt once with them.
rs-65bc1064 = The upload was interrupted or the file is too large (at most 10 MB)
rs-982351a2 = Choose a file to upload (.xlsx, or tab-separated .tsv / .txt)
rs-d786266e = Line { $n }: at most 5 columns (separated by tabs); it has { $a1 }
rs-91b109d2 = Line { $n }: “{ $w }” is a single character, which matching cannot read; write a word
rs-3e8764ef = Line { $n }: “{ $a1 }…” is longer than { $LONGEST_WORD } characters, which matching cannot read
rs-90d2f9a9 = Line { $n }: “{ $w }” is written twice
rs-8bcb1711 = Line { $n }: the category “{ $a1 }” should be names of levels joined by > (such as 农产品>水果), each level with words, at most { $LONGEST_CATEGORY } characters
rs-02fa30b9 = Line { $n }: an explanation has at most { $LONGEST_EXPLAIN } characters
rs-f69b59af = Line { $n }: “{ $a1 }” is already on line { $first }; write one entry on one line
rs-f841f4ee = The workbook unpacks too large ({ $a1 } MB, at most { $a2 } MB): keep only the tables to import
rs-a9803501 = The sheet “{ $name }” cannot be read
rs-751eae3d = The sheet “{ $name }” is too large: from row { $a1 } to row { $a2 }, { $a3 } columns, over { $a4 }0,000 cells; delete what is outside the table and upload again
rs-1f34656f = The sheet “{ $sheet }” has at most { $max_rows } rows (row { $a1 } still has content)
rs-18f3ccb2 = The sheet “{ $sheet }” has at most { $max_cols } columns (row { $a1 }, column { $a2 } still has content)
rs-a69293e2 = Lines of local entries
rs-a4981b62 = New entries
rs-231be612 = Built-in entries given local names
rs-1d987803 = The file must be .xlsx, or tab-separated .tsv / .txt (save a comma-separated .csv as .xlsx in Excel)
rs-72fa50db = Line { $n }: “{ $a1 }” is a built-in entry (kind { $a2 }, category { $a3 }); the kind and category written on this line do not change it, only its names are added
rs-e7d83604 = The file “{ $name }” is empty (0 bytes): please choose a file with content and upload again
rs-4d0ff199 = Takes people up to { $max } only; some of the village's workers are older
rs-f7b45f8c = a few of them
rs-d2c0f140 = a few of them
rs-358cf881 = some
rs-dd8748a1 = some
rs-f4ec3c54 = part of them
rs-0a1c8cba = a few
rs-bb39e4e5 = one or two
rs-1a826556 = among them
rs-1357fee0 = there are also
rs-648f8c90 = hiring nearby
rs-44415375 = taking on people nearby
rs-ef0f1c68 = recruiting nearby
rs-edcdf72d = placed nearby
rs-53eeceb6 = in the township
rs-febb7485 = in the village
rs-da997d1b = farming
rs-2854a369 = working the land
rs-51af1fd2 = farming
rs-f039d514 = do not want to
rs-64323ceb = unwilling to
rs-92eb2df5 = do not want
rs-1544a6d7 = will not
rs-23488e78 = cannot
rs-22837a57 = only want
rs-d7f52583 = can only
rs-968959b8 = only willing
rs-10613290 = close to home
rs-3eaa4d12 = not far from home
rs-6f7792a6 = not far from home
rs-e99c40ce = dormitory
rs-bca7c28d = lodging
rs-fdfb67f6 = board and lodging
rs-35c085ee = a place to stay
rs-9f723ca3 = food and lodging
rs-2036f27c = all of them
rs-5c2b9010 = most of them
rs-ccf4ca8a = Audit record { $a1 } (named by the checkpoint of { $a2 }) is gone or changed: no new checkpoint is written. Run qicun verify-audit and compare with a backup
rs-faaebb2c = it does not follow the hash of the record before it: earlier records were deleted or changed
rs-aa498912 = its content does not match its hash: this record was changed
rs-d9fc9235 = Do not put identity card or bank card numbers in public text: everyone can read it. Where they must be checked, enter them in the register or the pairing agreement as required
rs-fdde22e0 = The hash chain is intact, { $events } records; this node's checkpoints agree, nothing was cut off.
rs-a52e8cca = The hash chain itself holds ({ $events } records), but record { $event_id }, named by the checkpoint of { $a1 }, is gone or changed: records were deleted. Run qicun verify-audit and recover the deleted records from a backup.
rs-6dafdb22 = The hash chain itself holds ({ $events } records), but the signature on line { $line } of the checkpoint file does not match: the checkpoint file was changed. Run qicun verify-audit.
rs-d0b727dc = The hash chain itself holds ({ $events } records), but the checkpoints could not be checked: { $e }
rs-520f73d5 = The hash chain breaks at record { $event_id }: { $reason }. Run qicun verify-audit and compare this record and those around it with a backup.
rs-dd98d2dc = The picture is too large ({ $width } × { $height } pixels): upload a photo of at most { $a1 } × 10,000 pixels; take a screenshot or use "edit/compress" in the phone's album first
rs-05e67cfe = This { $a1 } was changed and saved after you opened the edit page ({ $a2 }, its title is now “{ $a3 }”). Your changes were not saved, so as not to overwrite the other ones. Go back to the details page to see it as it is now, then open the edit page again.
rs-54c62e2c = This form was sent already (at { $a1 } it created { $a2 }); no second copy was saved. See your workbench.
rs-1a548d5b = contribution record #{ $a1 }
rs-4926796e = the one-time password of “{ $a1 }” (the one just shown still works)
rs-f5c0bbbb = A village can report its collective income once the poverty office has verified it. You will be told on your workbench and in your messages.
rs-b13970c3 = This account has been disabled and cannot log in. To have it restored, ask your organisation's contact or the county poverty office; the system administrator enables it again.
rs-74d1da35 = The objection to notice “{ $a1 }” was upheld: the record is off notice and counted in no total. Outcome: { $resolution }
rs-74a0d954 = The objection to notice “{ $a1 }” was found groundless; the notice goes on. Outcome: { $resolution }
rs-34a405cd = Enterprises
rs-b860336c = Agreements
rs-0da828d6 = Pairings already open
rs-fe954a14 = Notice no.
rs-bc09505e = Kind of listing
rs-b11fb6e6 = Other information
rs-403c8396 = Revoked
rs-e9c9c704 = Publishing waits until the poverty office has verified your organisation. Press “Save draft” to keep it now and publish it once verified.
rs-300aeb7a = this required field is missing
rs-669132bf = a whole number
rs-e4d98c0f = a number
rs-6874fdac = text (in quotes)
rs-e7bfdc56 = true or false
rs-51f87296 = a list (in square brackets)
rs-6b786fe7 = wrong type: should be { $wanted }
rs-678df151 = the value is not one of those allowed
rs-a1cabaad = there is no such field
rs-86f6f311 = the content cannot be read; check how the JSON is written
rs-653a33a3 = File too large or the upload broke off: at most 10 MB in all at once; choose fewer files or compress the photos first
rs-13ce1e1e = An enterprise proposed pairing #{ $a1 } to your village: accept or decline it on the pairing's page
rs-f484330a = A village committee proposed pairing #{ $a1 } to your organisation: accept or decline it on the pairing's page
rs-35413432 = The poverty office suggested pairing #{ $a1 }: accept or decline it on the pairing's page
rs-99f433f4 = You do not have permission: this page or step is not open to your role or organisation. If you need it, ask the organisation concerned or the county poverty office.
rs-0653b044 = “{ $a1 }” ({ $a2 }, published { $a3 })
rs-a8247c4b = The last line of the checkpoint file cannot be read: { $e }
rs-63a6553f = This page had expired (you may have logged out or in again in another window), so this submission was not saved. What you typed is below: check it and press “Send again”.
rs-7751a1f1 = Page expired
rs-48d624af = The firm sells goods here; it does not buy or help
rs-b54417b3 = Takes people up to { $max } only; the village's workers are all older
rs-bfaa49da = 一二三四五六七八九
rs-8d436da6 = 左右
rs-961dec05 = 零一二三四五六七八九十两
rs-acc36b63 = Households helped ({ $households }) cannot be more than the people helped ({ $persons })
rs-b9526ac8 = People helped ({ $persons }) are more than { $name }'s registered population ({ $population }): please check
rs-9d5b5188 = Households helped ({ $households }) are more than { $name }'s registered population ({ $population }): please check
rs-74acc324 = Changes
rs-518a138f = Stored: actor number
rs-36ec9c67 = Stored: actor
rs-201655b9 = Stored: action
rs-6b836e5d = Stored: object
rs-e468d120 = Stored: before
rs-452b0114 = Stored: after
rs-7a249f35 = { $a1 }: { $a2 } (cleared)
rs-0e6692aa = Objection on notice upheld: agreement back in force
rs-a0439636 = This record is now “{ $a1 }” and can no longer be corrected (records awaiting confirmation, disputed, or taken off public notice by an upheld objection can be)
rs-7949c9e5 = Milestone { $a1 }'s running total { $a2 } is more than the agreement's money, goods and produce together ({ $a3 }): check the milestones' amounts or the plan
rs-76562f5b = A milestone's amount is the total due by its date and cannot be less than an earlier one's: milestone { $a1 } ({ $a2 }) is less than milestone { $a3 } ({ $a4 })
rs-b1742d0e = Villages not covered
rs-03888a43 = Market price
rs-5ff11433 = Amount paid
rs-3c56d155 = Paid on
rs-22d17638 = Counted for
rs-bf222c37 = Rated at
rs-cb15d173 = Rating comment
rs-2ee36bb7 = Persons still employed
rs-f4ea87ec = Retention reported at
rs-16d8e40c = Retention verified at
rs-893762e9 = Record objected to
rs-9aaa741e = The objection to the notice “{ $a1 }” is upheld: the record is off public notice and counts in no total. Decision: { $resolution }. The enterprise can press “Correct” on the record on the agreement page to report it again.
rs-a51b9c70 = Your village can see return-to-poverty monitoring once the office has verified it
rs-b8281636 = Your village can read and keep its work log once the office has verified it
rs-cc6352f7 = Payment and rating recorded ({ $rating } points). The village has confirmed delivery; once the office verifies it, it counts as consumption help.
rs-1f75179d = Payment and rating recorded ({ $rating } points). Still missing: { $a1 }; then the office verifies it.
rs-5020a252 = Keep the old record's evidence (tick it), or upload at least one new file (photo, receipt or list; JPEG, PNG or PDF)
rs-58f1c30a = Enter the date of payment, for example 2026-12-31
rs-b9e3d80e = A payment may not exceed 1 billion yuan
rs-c4c44e78 = Record #{ $old } corrected: the new record #{ $a1 } replaces it and waits for the village to confirm it again; then the office verifies it.
rs-44e29d87 = Objection upheld, taken off public notice: { $why }
rs-1ae2cdb3 = Agreement: { $a1 }
rs-06b78545 = Help record: { $a1 }
rs-0f364448 = An employment service that finds jobs of every sort
rs-d54141db = Confirmed as true. Still missing: { $a1 }; then the office verifies it.
