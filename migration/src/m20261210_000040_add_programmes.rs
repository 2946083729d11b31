//! Today's programmes (issue 17): the programmes an agreement and a contribution count for
//! (stored `,code,code,`), a purchase's product, market price, payment and the buyer's rating
//! (消费帮扶), the six-month follow-up of jobs (稳岗回访).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One column a statement: SQLite adds one at a time.
fn columns() -> Vec<(&'static str, ColumnDef)> {
    vec![
        ("agreement", text_null("programmes")),
        ("contribution", text_null("programmes")),
        ("contribution", string_len_null("product", 40)),
        ("contribution", big_integer_null("market_price_fen")),
        ("contribution", date_null("paid_on")),
        ("contribution", big_integer_null("paid_fen")),
        ("contribution", integer_null("rating")),
        ("contribution", text_null("rating_comment")),
        ("contribution", timestamp_with_time_zone_null("rated_at")),
        ("contribution", integer_null("retained_persons")),
        ("contribution", timestamp_with_time_zone_null("retained_reported_at")),
        ("contribution", timestamp_with_time_zone_null("retained_verified_at")),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut col) in columns() {
            manager.alter_table(Table::alter().table(table).add_column(&mut col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in columns().into_iter().rev() {
            let name = col.get_column_name();
            manager.alter_table(Table::alter().table(table).drop_column(name).to_owned()).await?;
        }
        Ok(())
    }
}
