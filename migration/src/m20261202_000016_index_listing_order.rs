//! The public lists show published listings newest first: an index in that order lets a page
//! read its 20 rows instead of sorting every published listing with its text; verified
//! organisations are found by an index on their status.

use sea_orm_migration::prelude::*;

use crate::util::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["offer", "need"] {
            index(manager, table, &["status", "published_at", "id"]).await?;
        }
        // "Verified organisations" is asked of every public list and search.
        index(manager, "organisation", &["status", "id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_organisation_status_id").table("organisation").to_owned()).await?;
        for table in ["offer", "need"] {
            let name = format!("ix_{table}_status_published_at_id");
            manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        Ok(())
    }
}
