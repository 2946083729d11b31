//! Offers posted by enterprises (with the regions they serve) and needs posted by villages.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, fk_cascade, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns shared by offers and needs.
fn listing(table: &'static str) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(pk_auto("id"))
        .col(integer("organisation_id"))
        .col(string_len("kind", 16))
        .col(string_len("title", 200))
        .col(text("body"))
        .col(big_integer("amount_fen").default(0))
        .col(big_integer_null("quantity"))
        .col(string_len_null("unit", 16))
        .col(date("valid_from"))
        .col(date_null("valid_until"))
        .col(string_len("status", 16))
        .col(string_len_null("ref", 64))
        .col(timestamp_with_time_zone_null("published_at"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .foreign_key(&mut fk(table, "organisation_id", "organisation", "id"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(listing("offer")).await?;
        let mut need = listing("need");
        need.col(small_integer("urgency").default(2));
        manager.create_table(need).await?;
        for table in ["offer", "need"] {
            index(manager, table, &["organisation_id"]).await?;
            index(manager, table, &["status", "kind", "valid_until"]).await?;
            unique(manager, table, &["ref"]).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("offer_region")
                    .col(integer("offer_id"))
                    .col(string_len("region_code", 12))
                    .primary_key(Index::create().col("offer_id").col("region_code"))
                    .foreign_key(&mut fk_cascade("offer_region", "offer_id", "offer", "id"))
                    .foreign_key(&mut fk("offer_region", "region_code", "region", "code"))
                    .to_owned(),
            )
            .await?;
        index(manager, "offer_region", &["region_code"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["offer_region", "need", "offer"]).await
    }
}
