//! Words on a registration or an agreement that was sent back: an office's note on an
//! organisation it sent back, refused or suspended; on an agreement, the comment it was sent
//! back with, and when the village countersigned it and the office filed it (备案).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            ("organisation", text_null("review_note")),
            ("agreement", text_null("comment")),
            ("agreement", timestamp_with_time_zone_null("countersigned_at")),
            ("agreement", timestamp_with_time_zone_null("filed_at")),
        ] {
            let mut col = col;
            manager.alter_table(Table::alter().table(table).add_column(&mut col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            ("agreement", "filed_at"),
            ("agreement", "countersigned_at"),
            ("agreement", "comment"),
            ("organisation", "review_note"),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
