//! An office's word on an organisation it sent back, refused or suspended, kept for the
//! applicant to read and act on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut col = text_null("review_note");
        manager.alter_table(Table::alter().table("organisation").add_column(&mut col).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("organisation").drop_column("review_note").to_owned()).await
    }
}
