//! Supervision checks (监管, 严防假项目、空项目): what the scan found (an agreement with no help
//! after months, a record without evidence, evidence reused across projects, totals beyond the
//! plan, a record confirmed too fast or by its reporter), worked through by offices and closed
//! with a reason. One row per rule and record: a closed finding is not raised again.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("supervision_check")
                    .col(pk_auto("id"))
                    .col(string_len("rule", 24))
                    .col(string_len("entity", 16))
                    .col(integer("entity_id"))
                    .col(integer("agreement_id"))
                    .col(string_len("region_code", 12))
                    .col(text("detail"))
                    .col(timestamp_with_time_zone("found_at"))
                    .col(string_len_null("outcome", 16))
                    .col(text_null("close_reason"))
                    .col(integer_null("closed_by"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "supervision_check", &["rule", "entity", "entity_id"]).await?;
        index(manager, "supervision_check", &["region_code"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["supervision_check"]).await
    }
}
