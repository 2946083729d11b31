//! The categories a county is filed under (国家乡村振兴重点帮扶县, 脱贫县), declared by the
//! deployment: one row a county, its categories stored `,code,code,`.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("county_category")
                    .col(string_len("region_code", 12).primary_key())
                    .col(text("categories"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("county_category", "region_code", "region", "code"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["county_category"]).await
    }
}
