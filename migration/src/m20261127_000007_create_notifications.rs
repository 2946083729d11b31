//! The in-app inbox: one row per user per event that concerns them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk_cascade, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("notification")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("title", 200))
                    .col(string_len("link", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(&mut fk_cascade("notification", "user_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "notification", &["user_id", "read_at"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["notification"]).await
    }
}
