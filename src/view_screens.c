/* view_screens.c - every screen and feature of the interactive guide, for
 * the generic code in view.c, which asks each in turn for the keys the
 * screen on top leaves.  A new screen is a file of its own and a row here. */
#include "screens.h"

const struct view_ops *const view_registry[] = {
	&view_home_ops,     /* first: the screen the guide starts on */
	&view_page_ops,
	&view_step_ops,
	&view_help_ops,
	&view_sheet_ops,
	&view_search_ops,
	&view_marks_ops,
	NULL,
};
