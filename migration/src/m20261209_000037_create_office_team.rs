//! Office teams (队伍建设): each office's posts (编制), and who among its reviewers each open
//! piece of work is assigned to (verifications, reviews, disputes, objections, monitoring
//! steps); work nobody holds is the office's.

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
                    .table("office_staffing")
                    .col(integer("office_id").primary_key())
                    .col(integer("posts"))
                    .col(integer("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("office_staffing", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("work_assignment")
                    .col(string_len("kind", 20))
                    .col(integer("item_id"))
                    .col(integer("reviewer_id"))
                    .col(integer("assigned_by"))
                    .col(timestamp_with_time_zone("assigned_at"))
                    .primary_key(Index::create().col("kind").col("item_id"))
                    .foreign_key(&mut fk("work_assignment", "reviewer_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "work_assignment", &["reviewer_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["work_assignment", "office_staffing"]).await
    }
}
