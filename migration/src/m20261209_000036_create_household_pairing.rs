//! Cadre–household pairing (党员干部结对帮扶): a cadre (an account of a help unit or of an
//! office) paired with a household of a village's register, from a date until the pairing ends
//! (with its reason); the visits and help measures the cadre logs. Private as the register.

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
                    .table("household_pairing")
                    .col(pk_auto("id"))
                    .col(integer("household_id"))
                    .col(integer("village_id"))
                    .col(integer("cadre_id"))
                    .col(date("from_date"))
                    .col(date_null("to_date"))
                    .col(string_len_null("end_reason", 200))
                    .col(integer("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("household_pairing", "household_id", "household", "id"))
                    .foreign_key(&mut fk("household_pairing", "village_id", "organisation", "id"))
                    .foreign_key(&mut fk("household_pairing", "cadre_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "household_pairing", &["household_id"]).await?;
        index(manager, "household_pairing", &["cadre_id"]).await?;
        index(manager, "household_pairing", &["village_id"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("household_visit")
                    .col(pk_auto("id"))
                    .col(integer("pairing_id"))
                    .col(date("visited_on"))
                    .col(string_len("kind", 20))
                    .col(string_len_null("measure", 20))
                    .col(text("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk_cascade("household_visit", "pairing_id", "household_pairing", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "household_visit", &["pairing_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["household_visit", "household_pairing"]).await
    }
}
