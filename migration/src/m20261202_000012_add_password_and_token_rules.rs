//! Password and token rules: when a password was last set (privileged accounts expire), the
//! hashes of the last passwords (none may be reused), and API tokens that expire and may be
//! limited to reading.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk_cascade, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table("user")
                    .add_column(timestamp_with_time_zone_null("password_changed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table("api_token").add_column(timestamp_with_time_zone_null("expires_at")).to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("api_token").add_column(boolean("read_only").default(false)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("password_history")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("password_hash", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk_cascade("password_history", "user_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "password_history", &["user_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["password_history"]).await?;
        manager.alter_table(Table::alter().table("api_token").drop_column("read_only").to_owned()).await?;
        manager.alter_table(Table::alter().table("api_token").drop_column("expires_at").to_owned()).await?;
        manager.alter_table(Table::alter().table("user").drop_column("password_changed_at").to_owned()).await
    }
}
