/* view_screens.c - every screen and feature of the interactive guide, for
 * the generic code in view.c, which asks each in turn for the keys the
 * screen on top leaves.  A new screen is a file of its own (view_NAME.c,
 * defining view_NAME_ops) and its name here. */
#include "view.h"

/* The home screen first: the guide starts on it. */
#define VIEW_SCREENS(SCREEN) \
	SCREEN(home) SCREEN(page) SCREEN(step) SCREEN(help) SCREEN(sheet) SCREEN(search) \
	SCREEN(marks)

/* Declared here as well as in screens.h, so that a new screen needs no
 * header: the screens that open each other declare what they use there. */
#define VIEW_SCREEN_DECLARE(name) extern const struct view_ops view_##name##_ops;
#define VIEW_SCREEN_ROW(name) &view_##name##_ops,

VIEW_SCREENS(VIEW_SCREEN_DECLARE)

const struct view_ops *const view_registry[] = { VIEW_SCREENS(VIEW_SCREEN_ROW) NULL };
