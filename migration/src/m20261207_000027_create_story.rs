//! Success stories (宣传): what an office publishes about the drive — a title, the story, a
//! photo re-encoded from its pixels (no metadata) — shown on the public portal until withdrawn.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("story")
                    .col(pk_auto("id"))
                    .col(integer("office_id"))
                    .col(string_len("title", 60))
                    .col(text("body"))
                    .col(string_len_null("photo_key", 80))
                    .col(string_len_null("photo_type", 20))
                    .col(integer("created_by"))
                    .col(timestamp_with_time_zone("published_at"))
                    .col(timestamp_with_time_zone_null("withdrawn_at"))
                    .col(text_null("withdraw_reason"))
                    .foreign_key(&mut fk("story", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "story", &["published_at"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["story"]).await
    }
}
