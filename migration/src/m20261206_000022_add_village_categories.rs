//! The categories an office files a village under (脱贫村, 乡村振兴重点帮扶村, 集体经济薄弱村,
//! 易地搬迁安置点), stored as `,code,code,` so one category is found with a LIKE.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("organisation").add_column(text_null("categories")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("organisation").drop_column("categories").to_owned()).await
    }
}
