//! The 建档立卡 register at village level: poor households and people per village and year, as
//! the office's Excel has them (imported whole or not at all).

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
                    .table("register_entry")
                    .col(integer("village_id"))
                    .col(integer("year"))
                    .col(integer("households"))
                    .col(integer("persons"))
                    .col(integer("imported_by"))
                    .col(timestamp_with_time_zone("imported_at"))
                    .primary_key(Index::create().col("village_id").col("year"))
                    .foreign_key(&mut fk("register_entry", "village_id", "organisation", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["register_entry"]).await
    }
}
