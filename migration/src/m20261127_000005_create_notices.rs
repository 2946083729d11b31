//! Public notice (公示) of pairings, agreements and contributions, and objections to them.

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
                    .table("notice")
                    .col(pk_auto("id"))
                    .col(string_len("entity", 16))
                    .col(integer("entity_id"))
                    .col(string_len("title", 200))
                    .col(text("summary"))
                    .col(string_len("region_code", 12))
                    .col(timestamp_with_time_zone("window_start"))
                    .col(timestamp_with_time_zone("window_end"))
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("notice", "region_code", "region", "code"))
                    .to_owned(),
            )
            .await?;
        index(manager, "notice", &["entity", "entity_id"]).await?;
        index(manager, "notice", &["status", "window_end"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("objection")
                    .col(pk_auto("id"))
                    .col(integer("notice_id"))
                    .col(text("body"))
                    .col(string_len("contact_name", 50))
                    .col(string_len("contact_phone", 20))
                    .col(string_len("status", 16))
                    .col(text_null("resolution"))
                    .col(integer_null("handled_by"))
                    .col(timestamp_with_time_zone_null("handled_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk_cascade("objection", "notice_id", "notice", "id"))
                    .foreign_key(&mut fk("objection", "handled_by", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "objection", &["notice_id", "status"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["objection", "notice"]).await
    }
}
