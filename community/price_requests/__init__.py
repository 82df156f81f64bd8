"""Price requests (a consultation): a need sent to the producers its organisation picks
among the suggested ones, each answering through a signed link without an account;
the organisation compares the answers side by side and accepts one or several."""
