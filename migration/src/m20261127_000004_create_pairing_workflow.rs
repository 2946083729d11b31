//! Pairings, the agreements made from approved ones, their milestones, and the contributions
//! (with evidence files) that fulfil them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, fk_cascade, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("pairing")
                    .col(pk_auto("id"))
                    .col(integer("enterprise_id"))
                    .col(integer("village_id"))
                    .col(integer_null("offer_id"))
                    .col(integer_null("need_id"))
                    .col(string_len("source", 16))
                    .col(double_null("score"))
                    .col(json_null("components"))
                    .col(string_len("status", 32))
                    .col(integer_null("proposed_by"))
                    .col(timestamp_with_time_zone_null("enterprise_accepted_at"))
                    .col(timestamp_with_time_zone_null("village_accepted_at"))
                    .col(string_len_null("decline_reason", 500))
                    .col(integer_null("reviewed_by"))
                    .col(timestamp_with_time_zone_null("reviewed_at"))
                    .col(string_len_null("review_reason", 500))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("pairing", "enterprise_id", "organisation", "id"))
                    .foreign_key(&mut fk("pairing", "village_id", "organisation", "id"))
                    .foreign_key(&mut fk("pairing", "offer_id", "offer", "id"))
                    .foreign_key(&mut fk("pairing", "need_id", "need", "id"))
                    .foreign_key(&mut fk("pairing", "proposed_by", "user", "id"))
                    .foreign_key(&mut fk("pairing", "reviewed_by", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "pairing", &["enterprise_id", "status"]).await?;
        index(manager, "pairing", &["village_id", "status"]).await?;
        index(manager, "pairing", &["status"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("agreement")
                    .col(pk_auto("id"))
                    .col(integer("pairing_id"))
                    .col(string_len("title", 200))
                    .col(text("terms"))
                    .col(big_integer("planned_money_fen").default(0))
                    .col(big_integer("planned_goods_fen").default(0))
                    .col(big_integer("planned_produce_fen").default(0))
                    .col(integer("planned_jobs").default(0))
                    .col(integer("planned_trainees").default(0))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(string_len_null("close_reason", 500))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("agreement", "pairing_id", "pairing", "id"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "agreement", &["pairing_id"]).await?;
        index(manager, "agreement", &["status"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("milestone")
                    .col(pk_auto("id"))
                    .col(integer("agreement_id"))
                    .col(string_len("title", 200))
                    .col(date("due_on"))
                    .col(big_integer("planned_amount_fen").default(0))
                    .col(big_integer_null("planned_quantity"))
                    .col(timestamp_with_time_zone_null("done_at"))
                    .foreign_key(&mut fk_cascade("milestone", "agreement_id", "agreement", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "milestone", &["agreement_id"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("contribution")
                    .col(pk_auto("id"))
                    .col(integer("agreement_id"))
                    .col(string_len("kind", 16))
                    .col(big_integer("amount_fen").default(0))
                    .col(big_integer_null("quantity"))
                    .col(string_len_null("unit", 16))
                    .col(integer("households").default(0))
                    .col(integer("persons").default(0))
                    .col(date("contributed_on"))
                    .col(text("description"))
                    .col(string_len("status", 16))
                    .col(integer_null("reported_by"))
                    .col(timestamp_with_time_zone("reported_at"))
                    .col(integer_null("confirmed_by"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .col(integer_null("verified_by"))
                    .col(timestamp_with_time_zone_null("verified_at"))
                    .col(string_len_null("dispute_reason", 500))
                    .foreign_key(&mut fk("contribution", "agreement_id", "agreement", "id"))
                    .foreign_key(&mut fk("contribution", "reported_by", "user", "id"))
                    .foreign_key(&mut fk("contribution", "confirmed_by", "user", "id"))
                    .foreign_key(&mut fk("contribution", "verified_by", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "contribution", &["agreement_id"]).await?;
        index(manager, "contribution", &["status"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("evidence")
                    .col(pk_auto("id"))
                    .col(integer("contribution_id"))
                    .col(string_len("file_name", 255))
                    .col(string_len("media_type", 100))
                    .col(big_integer("size_bytes"))
                    .col(string_len("sha256", 64))
                    .col(string_len("storage_key", 255))
                    .col(integer_null("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk_cascade("evidence", "contribution_id", "contribution", "id"))
                    .foreign_key(&mut fk("evidence", "uploaded_by", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "evidence", &["contribution_id"]).await?;
        // Duplicate-evidence detection looks files up by hash.
        index(manager, "evidence", &["sha256"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["evidence", "contribution", "milestone", "agreement", "pairing"]).await
    }
}
