//! At most one open pairing per enterprise, village, offer and need, enforced by the database:
//! `open_key` carries those four while the pairing is open and is cleared when it ends
//! (declined, withdrawn, rejected), and a unique index refuses a second open one. A column
//! rather than a partial index, so the same statement works on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::unique;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("pairing").add_column(string_len_null("open_key", 64)).to_owned())
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE pairing SET open_key = CAST(enterprise_id AS TEXT) || ':' || CAST(village_id AS TEXT) \
                 || ':' || COALESCE(CAST(offer_id AS TEXT), '-') || ':' || COALESCE(CAST(need_id AS TEXT), '-') \
                 WHERE status NOT IN ('declined', 'withdrawn', 'rejected')",
            )
            .await?;
        // Open duplicates left by the old race: the newest keeps the key (the others stay as
        // they are, visible to offices, but no longer block a new pairing's uniqueness).
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE pairing SET open_key = NULL WHERE open_key IS NOT NULL AND id NOT IN \
                 (SELECT MAX(id) FROM pairing WHERE open_key IS NOT NULL GROUP BY open_key)",
            )
            .await?;
        unique(manager, "pairing", &["open_key"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ux_pairing_open_key").table("pairing").to_owned()).await?;
        manager.alter_table(Table::alter().table("pairing").drop_column("open_key").to_owned()).await
    }
}
