mod core;

mod center_gravity;

pub use center_gravity::{CenterGravity, CenterGravityParams};
#[allow(unused_imports)]
pub use core::ExtraForce;
pub use core::{Extra, ExtrasTuple};
