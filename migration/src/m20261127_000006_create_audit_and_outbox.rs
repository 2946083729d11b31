//! The hash-chained audit trail and the `change` outbox that keeps derived state in step.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_event")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("occurred_at"))
                    .col(integer_null("actor_user_id"))
                    .col(string_len("actor", 100))
                    .col(string_len("action", 64))
                    .col(string_len("entity", 32))
                    .col(string_len("entity_id", 64))
                    .col(text_null("before"))
                    .col(text_null("after"))
                    .col(string_len("prev_hash", 64))
                    .col(string_len("hash", 64))
                    .to_owned(),
            )
            .await?;
        index(manager, "audit_event", &["entity", "entity_id"]).await?;
        index(manager, "audit_event", &["occurred_at"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("change")
                    .col(big_pk_auto("seq"))
                    .col(string_len("entity", 32))
                    .col(integer("entity_id"))
                    .col(string_len("op", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["change", "audit_event"]).await
    }
}
