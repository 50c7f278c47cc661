//! `undo`: revert the last change nastavnyk made (see `crate::undo`).

use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::Msg;

pub fn run(ctx: &Ctx, reason: Option<&str>) -> Result<u8> {
    let _lock = ctx.lock()?;
    let undone = crate::undo::undo(&ctx.root, &ctx.config, ctx.today, reason)?;
    ctx.note(Msg::Undone { summary: undone.summary });
    Ok(0)
}
