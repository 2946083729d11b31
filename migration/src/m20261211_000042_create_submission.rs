//! One-time keys of the forms that create something (a listing, a contribution): a form sent
//! twice (a double click, a reload, a retry on a slow link) creates it once.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::drop_tables;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("submission")
                    .col(string_len("key", 64).primary_key())
                    .col(string_len("created", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["submission"]).await
    }
}
