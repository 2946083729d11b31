//! Organisations (enterprise, village committee, poverty office), their users, web sessions and
//! API tokens.

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
                    .table("organisation")
                    .col(pk_auto("id"))
                    .col(string_len("kind", 16))
                    .col(string_len("name", 200))
                    .col(string_len("region_code", 12))
                    .col(string_len("status", 16))
                    .col(string_len_null("ref", 64))
                    .col(string_len_null("contact_name", 50))
                    .col(string_len_null("contact_phone", 20))
                    .col(integer_null("verified_by"))
                    .col(timestamp_with_time_zone_null("verified_at"))
                    // enterprise
                    .col(string_len_null("uscc", 18))
                    .col(string_len_null("industry_code", 8))
                    .col(string_len_null("address", 300))
                    .col(string_len_null("size", 16))
                    .col(double_null("lat"))
                    .col(double_null("lon"))
                    // village (建档立卡)
                    .col(integer_null("population"))
                    .col(integer_null("poor_households"))
                    .col(integer_null("poor_population"))
                    .col(boolean("registered_poor").default(false))
                    .col(string_len_null("main_industries", 300))
                    .col(string_len_null("first_secretary", 50))
                    .col(string_len_null("first_secretary_phone", 20))
                    .col(string_len_null("party_secretary", 50))
                    .col(string_len_null("party_secretary_phone", 20))
                    // office
                    .col(string_len_null("jurisdiction_code", 12))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("organisation", "region_code", "region", "code"))
                    .foreign_key(&mut fk("organisation", "industry_code", "industry", "code"))
                    .foreign_key(&mut fk("organisation", "jurisdiction_code", "region", "code"))
                    .to_owned(),
            )
            .await?;
        index(manager, "organisation", &["kind", "status"]).await?;
        index(manager, "organisation", &["region_code"]).await?;
        unique(manager, "organisation", &["ref"]).await?;
        unique(manager, "organisation", &["uscc"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("user")
                    .col(pk_auto("id"))
                    .col(integer_null("organisation_id"))
                    .col(string_len("role", 16))
                    .col(string_len("login", 64))
                    .col(string_len("display_name", 100))
                    .col(string_len_null("phone", 20))
                    .col(string_len("password_hash", 200))
                    .col(integer("failed_logins").default(0))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .col(boolean("disabled").default(false))
                    .col(boolean("must_change_password").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("user", "organisation_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "user", &["login"]).await?;
        index(manager, "user", &["organisation_id"]).await?;

        // The id is the SHA-256 of the cookie's secret, so a read of this table yields no
        // usable cookie.
        manager
            .create_table(
                Table::create()
                    .table("session")
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(string_len("csrf", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut fk_cascade("session", "user_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        index(manager, "session", &["user_id"]).await?;
        index(manager, "session", &["expires_at"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("api_token")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("name", 100))
                    .col(string_len("token_hash", 64))
                    .col(string_len("prefix", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk_cascade("api_token", "user_id", "user", "id"))
                    .to_owned(),
            )
            .await?;
        unique(manager, "api_token", &["token_hash"]).await?;
        index(manager, "api_token", &["user_id"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["api_token", "session", "user", "organisation"]).await
    }
}
