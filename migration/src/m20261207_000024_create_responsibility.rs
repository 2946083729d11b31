//! Responsibility (责任机制): a leader or a help unit made responsible for a county and villages
//! (市领导挂县联村, 县（处）级领导挂村联组, 定点帮扶单位), dated; an ended assignment is kept.

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
                    .table("responsibility")
                    .col(pk_auto("id"))
                    .col(string_len("kind", 16))
                    .col(string_len("name", 60))
                    .col(string_len("post", 60))
                    .col(string_len("county_code", 12))
                    .col(date("from_date"))
                    .col(date_null("to_date"))
                    .col(text_null("end_reason"))
                    .col(integer("office_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("responsibility", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "responsibility", &["county_code"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("responsibility_village")
                    .col(integer("responsibility_id"))
                    .col(integer("village_id"))
                    .primary_key(Index::create().col("responsibility_id").col("village_id"))
                    .foreign_key(&mut fk_cascade("responsibility_village", "responsibility_id", "responsibility", "id"))
                    .foreign_key(&mut fk("responsibility_village", "village_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "responsibility_village", &["village_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["responsibility_village", "responsibility"]).await
    }
}
