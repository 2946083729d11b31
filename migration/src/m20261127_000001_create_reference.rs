//! Reference data: official NBS region codes and GB/T 4754 industry codes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The parent is not a foreign key: official files start below the province
        // (宜春's file names 江西省 only as a parent), and imports must still succeed.
        manager
            .create_table(
                Table::create()
                    .table("region")
                    .col(string_len("code", 12).primary_key())
                    .col(string_len("name", 100))
                    .col(small_integer("level"))
                    .col(string_len_null("parent_code", 12))
                    .to_owned(),
            )
            .await?;
        index(manager, "region", &["parent_code"]).await?;
        index(manager, "region", &["level"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("industry")
                    .col(string_len("code", 8).primary_key())
                    .col(string_len("name", 200))
                    .col(small_integer("level"))
                    .col(string_len_null("parent_code", 8))
                    .to_owned(),
            )
            .await?;
        index(manager, "industry", &["parent_code"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["industry", "region"]).await
    }
}
