//! What an enterprise can spend on one kind of help in a campaign (预算, in 分), and what each
//! proposed pair would take of it: the kind of help behind the pair and its amount.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaign_budget")
                    .col(integer("campaign_id"))
                    .col(integer("organisation_id"))
                    .col(string_len("kind", 32))
                    .col(big_integer("amount_fen"))
                    .primary_key(Index::create().col("campaign_id").col("organisation_id").col("kind"))
                    .foreign_key(&mut fk("campaign_budget", "campaign_id", "campaign", "id"))
                    .foreign_key(&mut fk("campaign_budget", "organisation_id", "organisation", "id"))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        manager
            .alter_table(Table::alter().table("campaign_pair").add_column(string_len_null("help_kind", 32)).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("campaign_pair").add_column(big_integer_null("cost_fen")).to_owned())
            .await?;
        // What the last solve says of itself when it could not prove its answer the best.
        manager.alter_table(Table::alter().table("campaign").add_column(text_null("solve_note")).to_owned()).await?;
        // How many enterprises a village may be paired with (多企一村 above 1).
        manager
            .alter_table(Table::alter().table("campaign").add_column(integer("per_village").default(1)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("campaign").drop_column("per_village").to_owned()).await?;
        manager.alter_table(Table::alter().table("campaign").drop_column("solve_note").to_owned()).await?;
        manager.alter_table(Table::alter().table("campaign_pair").drop_column("cost_fen").to_owned()).await?;
        manager.alter_table(Table::alter().table("campaign_pair").drop_column("help_kind").to_owned()).await?;
        drop_tables(manager, &["campaign_budget"]).await
    }
}
