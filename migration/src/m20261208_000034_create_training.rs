//! Cadre training (培训): sessions a county runs for village cadres, and who attended (a member
//! of a village's leadership, see `village_leader`).

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
                    .table("training_session")
                    .col(pk_auto("id"))
                    .col(string_len("county_code", 12))
                    .col(integer("office_id"))
                    .col(string_len("topic", 100))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(integer("hours"))
                    .col(string_len("trainer", 60))
                    .col(string_len("place", 100))
                    .col(integer("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("attendance_at"))
                    .foreign_key(&mut fk("training_session", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "training_session", &["county_code"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("training_attendance")
                    .col(integer("session_id"))
                    .col(integer("leader_id"))
                    .col(integer("village_id"))
                    .primary_key(Index::create().col("session_id").col("leader_id"))
                    .foreign_key(&mut fk("training_attendance", "session_id", "training_session", "id"))
                    .foreign_key(&mut fk("training_attendance", "leader_id", "village_leader", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "training_attendance", &["leader_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["training_attendance", "training_session"]).await
    }
}
