//! Household-level rows of the 建档立卡 register (private: the village, its covering offices
//! and auditors only): the register's own household number, the head's name (sealed, erased
//! after the retention period), the household's size and the years it was registered and lifted.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("household")
                    .col(pk_auto("id"))
                    .col(integer("village_id"))
                    .col(string_len("code", 32))
                    .col(text("head_name"))
                    .col(integer("members"))
                    .col(integer("registered_year"))
                    .col(integer_null("lifted_year"))
                    .col(integer_null("left_year"))
                    .col(integer("imported_by"))
                    .col(timestamp_with_time_zone("imported_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("household", "village_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "household", &["village_id", "code"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["household"]).await
    }
}
