//! Campaigns (专项行动): an office pairs many villages with many enterprises at once. A
//! campaign lists its members (villages and enterprises, an enterprise with how many villages
//! it takes) and the pairs the optimiser proposed or the office locked or excluded.

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
                    .table("campaign")
                    .col(pk_auto("id"))
                    .col(integer("office_id"))
                    .col(string_len("name", 100))
                    .col(date("as_of"))
                    .col(boolean("one_to_one"))
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone_null("solved_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("campaign", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "campaign", &["office_id"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("campaign_member")
                    .col(integer("campaign_id"))
                    .col(integer("organisation_id"))
                    .col(integer("capacity"))
                    .primary_key(Index::create().col("campaign_id").col("organisation_id"))
                    .foreign_key(&mut fk_cascade("campaign_member", "campaign_id", "campaign", "id"))
                    .foreign_key(&mut fk("campaign_member", "organisation_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("campaign_pair")
                    .col(integer("campaign_id"))
                    .col(integer("village_id"))
                    .col(integer("enterprise_id"))
                    .col(string_len("state", 16))
                    .col(double_null("score"))
                    .col(text("reason"))
                    .col(integer_null("need_id"))
                    .col(integer_null("offer_id"))
                    .primary_key(Index::create().col("campaign_id").col("village_id").col("enterprise_id"))
                    .foreign_key(&mut fk_cascade("campaign_pair", "campaign_id", "campaign", "id"))
                    .foreign_key(&mut fk("campaign_pair", "village_id", "organisation", "id"))
                    .foreign_key(&mut fk("campaign_pair", "enterprise_id", "organisation", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["campaign_pair", "campaign_member", "campaign"]).await
    }
}
