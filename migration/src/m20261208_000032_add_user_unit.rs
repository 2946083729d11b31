//! A help unit's (定点帮扶单位) login: the assignment (`responsibility`, kind help_unit) the
//! account belongs to, so the unit reads its own villages and its own assessment.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("user").add_column(integer_null("unit_id")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("user").drop_column("unit_id").to_owned()).await
    }
}
