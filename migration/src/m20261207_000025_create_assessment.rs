//! The assessment (考核): villages' ratings of the help they received (群众满意度, one per
//! agreement and year) and the outcomes an office decides on an assessed unit (通报表彰, 奖励,
//! 通报批评, 诫勉谈话, 限期整改 with a deadline and a tracked closure; a mistaken one is revoked
//! with a reason and stays on the list as revoked).

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("satisfaction")
                    .col(pk_auto("id"))
                    .col(integer("agreement_id"))
                    .col(integer("year"))
                    .col(small_integer("rating"))
                    .col(text_null("comment"))
                    .col(integer("rated_by"))
                    .col(timestamp_with_time_zone("rated_at"))
                    .foreign_key(&mut fk("satisfaction", "agreement_id", "agreement", "id"))
                    .foreign_key(&mut fk("satisfaction", "rated_by", "user", "id"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "satisfaction", &["agreement_id", "year"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("assessment_outcome")
                    .col(pk_auto("id"))
                    .col(integer("year"))
                    .col(string_len("subject_kind", 16))
                    .col(string_len("subject_key", 16))
                    .col(string_len("subject_name", 120))
                    .col(string_len("kind", 16))
                    .col(text("reason"))
                    .col(date_null("deadline"))
                    .col(integer("office_id"))
                    .col(integer("decided_by"))
                    .col(timestamp_with_time_zone("decided_at"))
                    .col(text_null("closure_note"))
                    .col(integer_null("closed_by"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(text_null("revoke_reason"))
                    .col(integer_null("revoked_by"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("assessment_outcome", "office_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "assessment_outcome", &["year", "subject_kind", "subject_key"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["assessment_outcome", "satisfaction"]).await
    }
}
