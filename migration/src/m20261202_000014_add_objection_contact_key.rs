//! Objections' contacts are sealed at rest; a keyed digest of the phone lets one contact have
//! only one open objection per notice (and a few in all) without storing the phone readable.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("objection").add_column(string_len_null("contact_key", 64)).to_owned())
            .await?;
        // Sealed values are longer than what they hold (SQLite does not enforce lengths).
        if manager.get_database_backend() != sea_orm::DbBackend::Sqlite {
            for (column, len) in [("contact_phone", 200), ("contact_name", 500)] {
                manager
                    .alter_table(Table::alter().table("objection").modify_column(string_len(column, len)).to_owned())
                    .await?;
            }
        }
        index(manager, "objection", &["contact_key"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_objection_contact_key").table("objection").to_owned()).await?;
        manager.alter_table(Table::alter().table("objection").drop_column("contact_key").to_owned()).await
    }
}
