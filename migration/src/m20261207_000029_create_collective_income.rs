//! A village collective's income for a year (村集体经济收入), reported by the village and verified
//! by its office: an outcome beside the money, and a plan indicator (villages above a threshold).

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("collective_income")
                    .col(integer("village_id"))
                    .col(integer("year"))
                    .col(big_integer("amount_fen"))
                    .col(string_len("status", 16))
                    .col(text_null("note"))
                    .col(integer("reported_by"))
                    .col(timestamp_with_time_zone("reported_at"))
                    .col(integer_null("verified_by"))
                    .col(timestamp_with_time_zone_null("verified_at"))
                    .primary_key(Index::create().col("village_id").col("year"))
                    .foreign_key(&mut fk("collective_income", "village_id", "organisation", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["collective_income"]).await
    }
}
