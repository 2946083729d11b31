//! Campaigns issued and edited: a campaign keeps the villages its last solve could not cover
//! (with the reason, as JSON), when its pairings were issued, and its maximum distance; a pair keeps the kind of
//! reason it was excluded for (too far, capacity, …) and the pairing it was issued as. One
//! column per statement: SQLite alters a table one column at a time.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            ("campaign", text_null("uncovered")),
            ("campaign", timestamp_with_time_zone_null("issued_at")),
            ("campaign", integer_null("max_km")),
            ("campaign_pair", string_len_null("reason_kind", 16)),
            ("campaign_pair", integer_null("pairing_id")),
        ] {
            let mut col = col;
            manager.alter_table(Table::alter().table(table).add_column(&mut col).to_owned()).await?;
        }
        // The office's earlier exclusions are read by village and enterprise.
        index(manager, "campaign_pair", &["village_id", "enterprise_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop().name("ix_campaign_pair_village_id_enterprise_id").table("campaign_pair").to_owned(),
            )
            .await?;
        for (table, col) in [
            ("campaign_pair", "pairing_id"),
            ("campaign_pair", "reason_kind"),
            ("campaign", "max_km"),
            ("campaign", "issued_at"),
            ("campaign", "uncovered"),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
