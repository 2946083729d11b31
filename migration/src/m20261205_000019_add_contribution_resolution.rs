//! Disputed contributions get a way forward: a correction points to the record it replaces, and
//! the office's ruling on a dispute (or the enterprise's reason for withdrawing) is kept in words.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [integer_null("supersedes_id"), text_null("resolution")] {
            let mut col = col;
            manager.alter_table(Table::alter().table("contribution").add_column(&mut col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in ["resolution", "supersedes_id"] {
            manager.alter_table(Table::alter().table("contribution").drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
