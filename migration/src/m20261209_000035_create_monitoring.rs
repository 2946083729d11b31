//! Watching for relapse (防止返贫致贫监测): a household at risk of falling (back) into poverty is
//! flagged through one of three channels and follows the published steps, each recorded with its
//! date and note; the help measures assigned; and when it leaves monitoring, why. Private: the
//! village, the offices covering it and auditors only.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, fk_cascade, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("monitoring_case")
                    .col(pk_auto("id"))
                    .col(integer("village_id"))
                    .col(integer_null("household_id"))
                    .col(text("head_name"))
                    .col(integer("members"))
                    .col(string_len("channel", 20))
                    .col(string_len("risk", 20))
                    .col(date("signal_on"))
                    .col(date("visit_due"))
                    .col(date("decide_due"))
                    .col(date_null("measures_due"))
                    .col(string_len("stage", 20))
                    .col(date_null("notice_from"))
                    .col(string_len_null("category", 20))
                    .col(date_null("closed_on"))
                    .col(string_len_null("warned", 20))
                    .col(integer("filed_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("monitoring_case", "village_id", "organisation", "id"))
                    .foreign_key(&mut fk("monitoring_case", "household_id", "household", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "monitoring_case", &["village_id", "stage"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("monitoring_step")
                    .col(pk_auto("id"))
                    .col(integer("case_id"))
                    .col(string_len("step", 20))
                    .col(date("done_on"))
                    .col(text("note"))
                    .col(string_len_null("measure", 20))
                    .col(integer_null("offer_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut fk_cascade("monitoring_step", "case_id", "monitoring_case", "id"))
                    .foreign_key(&mut fk("monitoring_step", "offer_id", "offer", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "monitoring_step", &["case_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["monitoring_step", "monitoring_case"]).await
    }
}
