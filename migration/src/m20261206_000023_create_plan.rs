//! A county's plan (规划) for a plan period with yearly targets per indicator, entered by the
//! county office and approved by the city office.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, fk_cascade, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("plan")
                    .col(pk_auto("id"))
                    .col(string_len("county_code", 12))
                    .col(string_len("period", 20))
                    .col(integer("start_year"))
                    .col(integer("end_year"))
                    .col(string_len("status", 16))
                    .col(integer("office_id"))
                    .col(text_null("note"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(integer_null("approved_by"))
                    .col(timestamp_with_time_zone_null("approved_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("plan", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "plan", &["county_code", "period"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("plan_target")
                    .col(integer("plan_id"))
                    .col(integer("year"))
                    .col(string_len("indicator", 32))
                    .col(big_integer("target"))
                    .primary_key(Index::create().col("plan_id").col("year").col("indicator"))
                    .foreign_key(&mut fk_cascade("plan_target", "plan_id", "plan", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["plan_target", "plan"]).await
    }
}
