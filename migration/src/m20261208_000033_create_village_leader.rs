//! A village's leadership (村班子): its party secretary, the 驻村第一书记 and the members of the
//! resident work team (驻村工作队), each with the unit that sent them and their dates; ended
//! ones stay as history.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("village_leader")
                    .col(pk_auto("id"))
                    .col(integer("village_id"))
                    .col(string_len("role", 20))
                    .col(string_len("name", 40))
                    .col(string_len("unit", 100))
                    .col(string_len("post", 40))
                    .col(date("from_date"))
                    .col(date_null("term_end"))
                    .col(date_null("to_date"))
                    .col(text_null("end_reason"))
                    .col(integer("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("village_leader", "village_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "village_leader", &["village_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["village_leader"]).await
    }
}
