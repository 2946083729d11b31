//! A second factor (TOTP, RFC 6238) for accounts that act for the state or manage the system:
//! the secret (sealed with a key outside the database), when it was turned on, the last time
//! step used (a code works once), the hashes of unused recovery codes; and sessions that wait
//! for the second factor after the password.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        let user_columns = [
            string_len_null("totp_secret", 200),
            timestamp_with_time_zone_null("totp_enabled_at"),
            big_integer_null("totp_last_step"),
            text_null("totp_recovery"),
        ];
        for column in user_columns {
            manager.alter_table(Table::alter().table("user").add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter().table("session").add_column(boolean("second_factor_pending").default(false)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("session").drop_column("second_factor_pending").to_owned()).await?;
        for column in ["totp_recovery", "totp_last_step", "totp_enabled_at", "totp_secret"] {
            manager.alter_table(Table::alter().table("user").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
