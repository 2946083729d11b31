//! The public portal (宣传, issue 15): the drive's figures (the home page's definitions), the
//! roll of pairings (光荣榜), the offices' success stories, commendations and the 公示 now
//! open — one page for phones, kept for visitors between changes. The offices' story desk.

use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use entity::{assessment_outcome, notice, story};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::{CsrfForm, csrf_ok};
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::domain::OutcomeKind;
use crate::error::{AppError, Result};
use crate::governance::publicity::{self, StoryForm};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get("/portal", portal)
        .get("/stories/{id}", show_story)
        .get("/stories/{id}/photo", photo)
        .get_as(&[Role::Office], "/office/stories", desk)
        .post_as(&[Role::Office], "/office/stories", publish)
        .post_as(&[Role::Office], "/office/stories/{id}/withdraw", withdraw)
}

#[derive(Serialize)]
struct StoryCard {
    id: i32,
    title: String,
    teaser: String,
    photo: bool,
    date: String,
    office: String,
}

#[derive(Serialize)]
struct Honour {
    year: i32,
    name: String,
    kind: &'static str,
    reason: String,
}

#[derive(Serialize)]
struct NoticeCard {
    id: i32,
    title: String,
    until: String,
}

#[derive(Serialize)]
struct PortalView {
    figures: crate::stats::Figures,
    roll: Vec<publicity::RollRow>,
    stories: Vec<StoryCard>,
    honours: Vec<Honour>,
    notices: Vec<NoticeCard>,
}

fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::clock::to_shanghai(t).format("%Y-%m-%d").to_string()
}

async fn cards(state: &AppState, stories: Vec<story::Model>) -> Result<Vec<StoryCard>> {
    let mut out = Vec::new();
    for s in stories {
        let teaser: String = s.body.chars().take(60).collect();
        out.push(StoryCard {
            id: s.id,
            teaser: if s.body.chars().count() > 60 { format!("{teaser}…") } else { teaser },
            photo: s.photo_key.is_some(),
            date: day(s.published_at),
            office: super::org_name(state, s.office_id).await?,
            title: s.title,
        });
    }
    Ok(out)
}

async fn portal(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    super::render::for_visitors(&state, &auth, "page:/portal", async {
        let today = state.clock.today();
        let now = state.clock.now();
        let stories = story::Entity::find()
            .filter(story::Column::WithdrawnAt.is_null())
            .order_by_desc(story::Column::PublishedAt)
            .limit(6)
            .all(&state.db)
            .await?;
        let honours = assessment_outcome::Entity::find()
            .filter(assessment_outcome::Column::Kind.is_in([OutcomeKind::Commend.code(), OutcomeKind::Reward.code()]))
            .filter(assessment_outcome::Column::RevokedAt.is_null())
            .order_by_desc(assessment_outcome::Column::DecidedAt)
            .limit(10)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| Honour {
                year: o.year,
                kind: OutcomeKind::parse(&o.kind).map_or("", OutcomeKind::label),
                name: o.subject_name,
                reason: o.reason,
            })
            .collect();
        let notices = notice::Entity::find()
            .filter(notice::Column::Status.eq(crate::domain::NoticeStatus::Open.code()))
            .filter(notice::Column::WindowEnd.gt(now))
            .order_by_desc(notice::Column::WindowStart)
            .limit(8)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|n| NoticeCard { id: n.id, title: n.title, until: day(n.window_end) })
            .collect();
        let view = PortalView {
            figures: crate::stats::figures(&state.db, today).await?,
            roll: publicity::honour_roll(&state.db, 30).await?,
            stories: cards(&state, stories).await?,
            honours,
            notices,
        };
        Ok(state.templates.page(&auth, "portal/index", "百企联百村 光荣榜", &view)?.into_response())
    })
    .await
}

#[derive(Serialize)]
struct StoryView {
    id: i32,
    title: String,
    paragraphs: Vec<String>,
    photo: bool,
    date: String,
    office: String,
}

async fn published(state: &AppState, id: i32) -> Result<story::Model> {
    story::Entity::find_by_id(id).one(&state.db).await?.filter(|s| s.withdrawn_at.is_none()).ok_or(AppError::NotFound)
}

async fn show_story(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let s = published(&state, id).await?;
    let view = StoryView {
        id: s.id,
        paragraphs: s.body.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        photo: s.photo_key.is_some(),
        date: day(s.published_at),
        office: super::org_name(&state, s.office_id).await?,
        title: s.title.clone(),
    };
    Ok(state.templates.page(&auth, "portal/story", &s.title, &view)?.into_response())
}

async fn photo(State(state): State<AppState>, Path(id): Path<i32>) -> Result<Response> {
    let s = published(&state, id).await?;
    let key = s.photo_key.ok_or(AppError::NotFound)?;
    let bytes = crate::evidence::get(&state.db, &key).await?.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, s.photo_type.unwrap_or_else(|| "image/jpeg".into())),
            // Short: a withdrawn photo should not linger in browsers.
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Serialize)]
struct DeskRow {
    id: i32,
    title: String,
    date: String,
    office: String,
    withdrawn: String,
    can_withdraw: bool,
    error: String,
}

#[derive(Serialize)]
struct DeskView {
    rows: Vec<DeskRow>,
    form: StoryForm,
    errors: std::collections::BTreeMap<String, String>,
    refused: String,
}

/// What the desk shows again after a refused form.
#[derive(Default)]
struct Again<'a> {
    form: Option<StoryForm>,
    errors: &'a [(String, String)],
    row: i32,
    row_error: &'a str,
    refused: &'a str,
}

async fn desk_page(state: &AppState, auth: &Auth, again: Again<'_>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let all = story::Entity::find().order_by_desc(story::Column::PublishedAt).limit(200).all(&state.db).await?;
    let mut rows = Vec::new();
    for s in all {
        // The office's own stories and those of the offices below it.
        let office = entity::organisation::Entity::find_by_id(s.office_id).one(&state.db).await?;
        let ours = user.organisation_id == Some(s.office_id)
            || office.as_ref().and_then(|o| o.jurisdiction_code.as_deref()).is_some_and(|j| user.covers(j));
        if !ours {
            continue;
        }
        rows.push(DeskRow {
            id: s.id,
            date: day(s.published_at),
            office: office.map(|o| o.name).unwrap_or_default(),
            withdrawn: s
                .withdrawn_at
                .map(|t| format!("{} 撤下：{}", day(t), s.withdraw_reason.clone().unwrap_or_default()))
                .unwrap_or_default(),
            can_withdraw: s.withdrawn_at.is_none(),
            error: if again.row == s.id { again.row_error.to_owned() } else { String::new() },
            title: s.title,
        });
    }
    let status = if !again.refused.is_empty() {
        axum::http::StatusCode::CONFLICT
    } else if again.errors.is_empty() && again.row_error.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = DeskView {
        rows,
        form: again.form.unwrap_or_default(),
        errors: super::render::field_errors(&["title", "body", "photo"], again.errors),
        refused: again.refused.to_owned(),
    };
    Ok((status, state.templates.page(auth, "portal/desk", "宣传稿件", &view)?).into_response())
}

async fn desk(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    desk_page(&state, &auth, Again::default()).await
}

/// The multipart form: `_csrf` first, then title, body and an optional `photo`.
async fn publish(
    State(state): State<AppState>,
    auth: Auth,
    mp: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let mut mp = mp.map_err(|_| AppError::field("photo", "请通过页面上的表单提交（multipart/form-data）"))?;
    let (mut csrf, mut form, mut photo) = (String::new(), StoryForm::default(), None);
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::field("photo", format!("上传失败：{e}")))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name != "_csrf" && !csrf_ok(&auth, &csrf) {
            return Err(AppError::Csrf);
        }
        match name.as_str() {
            "_csrf" => csrf = field.text().await.unwrap_or_default(),
            "title" => form.title = field.text().await.unwrap_or_default(),
            "body" => form.body = field.text().await.unwrap_or_default(),
            "photo" => {
                let bytes = field.bytes().await.map_err(|_| AppError::field("photo", "照片过大或上传中断"))?;
                if !bytes.is_empty() {
                    photo = Some(bytes.to_vec());
                }
            }
            _ => {}
        }
    }
    if !csrf_ok(&auth, &csrf) {
        return Err(AppError::Csrf);
    }
    let bad = [("title", &form.title), ("body", &form.body)]
        .into_iter()
        .find(|(_, v)| !v.chars().all(|c| c == '\n' || c == '\r' || super::input::allowed_char(c)))
        .map(|(name, _)| name);
    if let Some(bad) = bad {
        let errors = vec![(bad.to_owned(), "含有不可见的控制字符，请删除后重新提交".to_owned())];
        return desk_page(&state, &auth, Again { form: Some(form), errors: &errors, ..Default::default() }).await;
    }
    match publicity::publish(&state.db, user, &form, photo, state.clock.now()).await {
        Ok(s) => Ok(super::flash::redirect(
            &format!("/stories/{}", s.id),
            if s.photo_key.is_some() {
                "已发布到公众门户（光荣榜页面）。照片已重新编码，拍摄位置等信息不会公开。"
            } else {
                "已发布到公众门户（光荣榜页面）。"
            },
        )),
        Err(AppError::Invalid(errors)) => {
            desk_page(&state, &auth, Again { form: Some(form), errors: &errors, ..Default::default() }).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WithdrawForm {
    withdraw_reason: String,
}

async fn withdraw(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    match publicity::withdraw(&state.db, user, id, &form.withdraw_reason, state.clock.now()).await {
        Ok(_) => Ok(super::flash::redirect("/office/stories", "已从公众门户撤下，记录保留。")),
        Err(AppError::Invalid(errors)) => {
            let message = errors.first().map(|(_, m)| m.clone()).unwrap_or_default();
            desk_page(&state, &auth, Again { row: id, row_error: &message, ..Default::default() }).await
        }
        Err(AppError::Conflict(why)) => desk_page(&state, &auth, Again { refused: &why, ..Default::default() }).await,
        Err(e) => Err(e),
    }
}
