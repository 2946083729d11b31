//! A village's work log (驻村工作日志): what its first secretary or other staff did on a day, kept
//! for the village — optional, written by hand, never a location check-in.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("village_log")
                    .col(pk_auto("id"))
                    .col(integer("village_id"))
                    .col(integer("user_id"))
                    .col(date("day"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("village_log", "village_id", "organisation", "id"))
                    .foreign_key(&mut fk("village_log", "user_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "village_log", &["village_id", "day"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["village_log"]).await
    }
}
