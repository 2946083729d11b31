//! Project assets (项目资产): what an industry or infrastructure project left to the village
//! collective — its kind, value and handover day — and, for an operating asset, its income by
//! year (reported by the village).

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
                    .table("project_asset")
                    .col(pk_auto("id"))
                    .col(integer("agreement_id"))
                    .col(integer("village_id"))
                    .col(string_len("name", 100))
                    .col(string_len("kind", 20))
                    .col(big_integer("value_fen"))
                    .col(date("handed_over_on"))
                    .col(integer("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("project_asset", "agreement_id", "agreement", "id"))
                    .foreign_key(&mut fk("project_asset", "village_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "project_asset", &["village_id"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("asset_income")
                    .col(integer("asset_id"))
                    .col(integer("year"))
                    .col(big_integer("income_fen"))
                    .col(integer("reported_by"))
                    .col(timestamp_with_time_zone("reported_at"))
                    .primary_key(Index::create().col("asset_id").col("year"))
                    .foreign_key(&mut fk_cascade("asset_income", "asset_id", "project_asset", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["asset_income", "project_asset"]).await
    }
}
