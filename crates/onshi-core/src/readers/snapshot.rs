//! One look at every reader and card, for `onshi readers` and for the first paint of the app.

use super::{
    get_status_change, is_dead_context, ReaderInfo, ReadersError, ReadersReport, ServiceState,
};
use crate::readers::report::CardInfo;
use pcsc::{Context, ReaderState, Scope, State};
use std::time::Duration;

/// Lists the readers the smart-card service knows, each with the card on it, if any.
///
/// A service that is not running is a normal answer (`ServiceState::Unavailable`), not an error:
/// Windows stops it when the last reader is unplugged.
pub fn list() -> Result<ReadersReport, ReadersError> {
    let context = match Context::establish(Scope::User) {
        Ok(context) => context,
        Err(error) if is_dead_context(error) => return Ok(ReadersReport::unavailable()),
        Err(error) => return Err(ReadersError::Service(error.to_string())),
    };
    let names = match context.list_readers_owned() {
        Ok(names) => names,
        Err(pcsc::Error::NoReadersAvailable) => Vec::new(),
        Err(error) if is_dead_context(error) => return Ok(ReadersReport::unavailable()),
        Err(error) => return Err(ReadersError::Service(error.to_string())),
    };
    let mut states: Vec<ReaderState> = names
        .into_iter()
        .map(|name| ReaderState::new(name, State::UNAWARE))
        .collect();
    if !states.is_empty() {
        match get_status_change(&context, Duration::ZERO, &mut states) {
            Ok(()) | Err(pcsc::Error::Timeout) => {}
            Err(error) if is_dead_context(error) => return Ok(ReadersReport::unavailable()),
            // A reader pulled out between the two calls: list again.
            Err(pcsc::Error::UnknownReader) => return list(),
            Err(error) => return Err(ReadersError::Service(error.to_string())),
        }
    }
    let readers: Vec<ReaderInfo> = states
        .iter()
        .filter(|state| {
            !state
                .event_state()
                .intersects(State::UNKNOWN | State::IGNORE)
        })
        .map(|state| {
            let mut reader = ReaderInfo::new(&state.name().to_string_lossy());
            if state.event_state().contains(State::PRESENT) {
                reader.card = Some(CardInfo::from_atr(state.atr()));
            }
            reader
        })
        .collect();
    Ok(ReadersReport::of(ServiceState::Running, readers))
}
