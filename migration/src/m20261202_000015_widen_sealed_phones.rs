//! Organisations' and users' phones are sealed at rest like objectors' contacts: the columns
//! widen to hold the sealed form (SQLite does not enforce lengths).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, &str); 4] = [
    ("organisation", "contact_phone"),
    ("organisation", "first_secretary_phone"),
    ("organisation", "party_secretary_phone"),
    ("user", "phone"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Sqlite {
            return Ok(());
        }
        for (table, column) in COLUMNS {
            manager
                .alter_table(Table::alter().table(table).modify_column(string_len_null(column, 200)).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Narrowing would cut sealed values: the columns stay wide.
        Ok(())
    }
}
