//! Evidence file contents in the database, by storage key (the SHA-256 of the original, or that
//! with `.public` for the copy shown on 公示): every node serves every file, a backup of the
//! database holds them, and a report is saved with its files in one transaction.

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
                    .table("evidence_blob")
                    .col(string_len("key", 80).primary_key())
                    .col(big_integer("size_bytes"))
                    .col(blob("bytes"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["evidence_blob"]).await
    }
}
