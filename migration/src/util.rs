//! Small builders shared by the migrations so each table reads as a list of columns.

use sea_orm_migration::prelude::*;

/// A foreign key named `fk_<table>_<column>` that refuses to delete a referenced row.
pub fn fk(
    table: &'static str,
    column: &'static str,
    to: &'static str,
    to_col: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(to, to_col)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Cascade)
        .take()
}

/// A foreign key whose child rows go when the parent row goes (detail rows such as evidence).
pub fn fk_cascade(
    table: &'static str,
    column: &'static str,
    to: &'static str,
    to_col: &'static str,
) -> ForeignKeyCreateStatement {
    let mut key = fk(table, column, to, to_col);
    key.on_delete(ForeignKeyAction::Cascade);
    key
}

/// Creates the index `ix_<table>_<cols…>` on the given columns.
pub async fn index(manager: &SchemaManager<'_>, table: &'static str, cols: &[&'static str]) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_"))).table(table);
    for col in cols {
        stmt.col(*col);
    }
    manager.create_index(stmt).await
}

/// Creates the unique index `ux_<table>_<cols…>` on the given columns.
pub async fn unique(manager: &SchemaManager<'_>, table: &'static str, cols: &[&'static str]) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(format!("ux_{table}_{}", cols.join("_"))).table(table).unique();
    for col in cols {
        stmt.col(*col);
    }
    manager.create_index(stmt).await
}

/// Drops tables in the given order (children first).
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&'static str]) -> Result<(), DbErr> {
    for table in tables {
        manager.drop_table(Table::drop().table(*table).to_owned()).await?;
    }
    Ok(())
}
