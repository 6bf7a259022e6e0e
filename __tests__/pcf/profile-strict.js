process.env.HOST_PROFILE = "strict";
